package io.github.layeract.models;

/**
 * Size of a model, from its graph.
 *
 * @param name registry name
 * @param parameters trainable parameters (weights, biases, BN gamma and beta, PReLU slopes)
 * @param stateParameters non-trainable state (BN moving means and variances)
 * @param activationSites number of activation sites
 */
public record ModelSummary(String name, long parameters, long stateParameters, int activationSites) {}
