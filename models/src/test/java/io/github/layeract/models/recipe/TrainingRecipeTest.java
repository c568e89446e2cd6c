package io.github.layeract.models.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.layeract.models.Init;
import io.github.layeract.models.train.LrSchedule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recipe's defaults, the paper's presets against the paper's numbers, text forms, and validation messages. */
class TrainingRecipeTest {

  @Test
  void presetsResolveToThePapersSchedules() {
    TrainingRecipe cifar = TrainingRecipe.preset("Paper-CIFAR");
    assertEquals(TrainingRecipe.PAPER_CIFAR, cifar);
    long perEpoch = cifar.stepsPerEpoch(cifar.trainImages(50_000));   // 45,000 images, batch 128
    assertEquals(352, perEpoch);
    assertEquals(64_000, cifar.steps(perEpoch));
    LrSchedule lr = cifar.learningRate(perEpoch);
    assertEquals(0.1, lr.at(31_999), 1e-15);
    assertEquals(0.01, lr.at(32_000), 1e-15);
    assertEquals(0.001, lr.at(48_000), 1e-15);
    assertEquals(Augment.PAD_CROP_FLIP, cifar.augmentation().orElseThrow());
    assertEquals("cifar10", cifar.dataset());

    TrainingRecipe imageNet = TrainingRecipe.PAPER_IMAGENET.toBuilder().activation("la_silu").build();
    assertEquals("la_silu(alpha=0.1)", imageNet.activation(), "the paper's ImageNet alpha");
    assertEquals("relu", TrainingRecipe.PAPER_IMAGENET.activation());
    assertEquals("resnet50", imageNet.model());
    assertEquals(256, imageNet.batch());
    assertEquals(0.0001, imageNet.learningRate(1).at(599_999), 1e-15);

    // MNIST: 80 epochs, x0.1 at epochs 40 and 60; on 9,000 images of batch 128: 71 steps an epoch
    TrainingRecipe mnist = TrainingRecipe.PAPER_MNIST;
    TrainingRecipe resolved = mnist.resolved(mnist.stepsPerEpoch(mnist.trainImages(10_000)));
    assertEquals(Length.iterations(80 * 71), resolved.length());
    assertEquals("multistep:2840,4260", resolved.schedule().toString());
    assertEquals(0.01, resolved.learningRate(71).at(2839), 1e-15);
    assertEquals(0.001, resolved.learningRate(71).at(2840), 1e-15);
    assertEquals("mlp", mnist.model());
    assertEquals(List.of("paper-cifar", "paper-imagenet", "paper-mnist"),
        TrainingRecipe.presets().stream().map(r -> r.presetName().orElseThrow()).toList());
  }

  @Test
  void defaultsAndOverrides() {
    TrainingRecipe d = TrainingRecipe.builder().build();
    assertEquals("resnet20", d.model());
    assertEquals(TrainingRecipe.DEFAULT_DATASET, d.dataset());
    assertEquals(Length.epochs(10), d.length());
    assertEquals("cosine", d.schedule().toString());
    assertEquals(11, d.seed());
    assertEquals(Init.HE, d.init());
    assertEquals(0, d.threads());
    TrainingRecipe p = d.toBuilder().init(Init.PYTORCH).threads(2).build();
    assertNotEquals(d, p);
    assertEquals(d, p.toBuilder().init(Init.HE).threads(0).build());
    assertEquals(2, p.threadCount());
    // warm-up: linear from 0.1 x the rate
    LrSchedule w = d.toBuilder().schedule("constant").warmup(10).build().learningRate(5);
    assertEquals(0.01, w.at(0), 1e-15);
    assertEquals(0.055, w.at(5), 1e-15);
    assertEquals(0.1, w.at(10), 1e-15);
  }

  @Test
  void textFormsRoundTrip() {
    for (String s : List.of("constant", "cosine", "multistep:32000,48000", "multistep:40ep,60ep")) {
      assertEquals(s, LrSchedule.parse(s).toString());
    }
    assertEquals(LrSchedule.parse("multistep:40,60"), LrSchedule.parse("multistep:40ep,60ep").inIterations(1));
    // empty milestones (split drops trailing empty strings, which once left nothing to read) fail with the one line
    for (String bad : List.of("multistep:", "multistep:,,,", "multistep:10,", "multistep:10,ep")) {
      assertTrue(assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse(bad)).getMessage()
          .startsWith("bad schedule '" + bad + "'"), bad);
    }
    for (Augment a : Augment.values()) {
      assertEquals(a, Augment.parse(a.toString()));
    }
    assertEquals("pad_crop_flip", Augment.PAD_CROP_FLIP.toString());
    assertEquals("unknown augmentation 'flip': none, pad_crop_flip, random_resized_crop_flip",
        assertThrows(IllegalArgumentException.class, () -> Augment.parse("flip")).getMessage());
  }

  @Test
  void badValuesNameTheirField() {
    assertEquals("batch must be at least 1, got 0", message(TrainingRecipe.builder().batch(0)));
    assertEquals("warmup must be at least 0, got -3", message(TrainingRecipe.builder().warmup(-3)));
    assertEquals("momentum must be in [0, 1), got 1.0", message(TrainingRecipe.builder().momentum(1)));
    assertEquals("validationFraction must be in [0, 1), got 1.5",
        message(TrainingRecipe.builder().validationFraction(1.5)));
    RecipeException m = assertThrows(RecipeException.class, () -> TrainingRecipe.builder().model("resnet9").build());
    assertEquals("model", m.field());
    RecipeException a = assertThrows(RecipeException.class,
        () -> TrainingRecipe.builder().activation("nope").build());
    assertEquals("activation", a.field());
    RecipeException s = assertThrows(RecipeException.class, () -> TrainingRecipe.builder().schedule("multistep:a"));
    assertEquals("schedule", s.field());
    assertEquals("bad schedule 'multistep:a': multistep needs iteration numbers, e.g. multistep:32000,48000 "
        + "(or epochs: multistep:40ep,60ep)", s.problem());
    assertEquals("epochs must be at least 1, got 0",
        assertThrows(RecipeException.class, () -> Length.epochs(0)).getMessage());
    assertEquals("preset", assertThrows(RecipeException.class, () -> TrainingRecipe.preset("paper")).field());
  }

  private static String message(TrainingRecipe.Builder b) {
    return assertThrows(RecipeException.class, b::build).getMessage();
  }
}
