package dev.agentstream.tools.computer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentstream.core.ToolInputException;
import java.awt.Point;
import java.awt.Rectangle;
import org.junit.jupiter.api.Test;

class ScreenMappingTest {

    @Test
    void aZoomOnTheWholeScreenHasTheSizeOfTheModelsScreenshots() {
        ScreenMapping qhd = ScreenMapping.of(new Resolution(2560, 1440), Scaling.standard());
        assertThat(qhd.model()).isEqualTo(Resolution.FWXGA);
        assertThat(Screenshotter.zoomSize(qhd, qhd.regionToScreen(0, 0, 1366, 768))).isEqualTo(Resolution.FWXGA);
        assertThat(Screenshotter.zoomSize(qhd, new Rectangle(0, 0, 400, 300))).isEqualTo(new Resolution(400, 300));
    }

    @Test
    void standardScalingPicksTheTargetWithTheScreensAspectRatio() {
        Scaling standard = Scaling.standard();
        assertThat(standard.modelSize(new Resolution(1920, 1200))).isEqualTo(Resolution.WXGA);
        assertThat(standard.modelSize(new Resolution(2560, 1600))).isEqualTo(Resolution.WXGA);
        assertThat(standard.modelSize(new Resolution(1920, 1080))).isEqualTo(Resolution.FWXGA);
        assertThat(standard.modelSize(new Resolution(2048, 1536))).isEqualTo(Resolution.XGA);
    }

    @Test
    void aScreenNoLargerThanItsTargetIsNotScaled() {
        assertThat(Scaling.standard().modelSize(new Resolution(1280, 800))).isEqualTo(new Resolution(1280, 800));
        assertThat(Scaling.standard().modelSize(new Resolution(1024, 768))).isEqualTo(new Resolution(1024, 768));
        assertThat(Scaling.standard().modelSize(new Resolution(800, 500))).isEqualTo(new Resolution(800, 500));
    }

    @Test
    void aScreenMatchingNoTargetIsFittedWithinWxga() {
        assertThat(Scaling.standard().modelSize(new Resolution(2560, 1080))).isEqualTo(new Resolution(1280, 540));
    }

    @Test
    void scalingCanBeOffOrAFixedBox() {
        assertThat(Scaling.off().modelSize(new Resolution(3840, 2160))).isEqualTo(new Resolution(3840, 2160));
        assertThat(Scaling.fitWithin(new Resolution(1000, 1000)).modelSize(new Resolution(2000, 1000))).isEqualTo(new Resolution(1000, 500));
        assertThat(Scaling.parse("off")).isEqualTo(Scaling.off());
        assertThat(Scaling.parse("standard")).isEqualTo(Scaling.standard());
        assertThat(Scaling.parse("1024x768")).isEqualTo(Scaling.fitWithin(Resolution.XGA));
    }

    @Test
    void everyModelCoordinateSurvivesTheRoundTripToTheScreenAndBack() {
        for (Resolution screen : new Resolution[] {new Resolution(1920, 1200), new Resolution(1920, 1080), new Resolution(2048, 1536),
                new Resolution(1280, 800), new Resolution(2560, 1080)}) {
            ScreenMapping mapping = ScreenMapping.of(screen, Scaling.standard());
            for (int x = 0; x < mapping.model().width(); x++) {
                Point screenPoint = mapping.toScreen(new Point(x, x % mapping.model().height()), "coordinate");
                assertThat(screenPoint.x).isBetween(0, screen.width() - 1);
                assertThat(mapping.toModel(screenPoint)).isEqualTo(new Point(x, x % mapping.model().height()));
            }
        }
    }

    @Test
    void modelCoordinatesMapToTheScreenPixelUnderTheirCentre() {
        ScreenMapping mapping = ScreenMapping.of(new Resolution(1920, 1200), Scaling.standard());
        assertThat(mapping.scale()).isEqualTo(1280.0 / 1920);
        assertThat(mapping.toScreen(new Point(0, 0), "coordinate")).isEqualTo(new Point(0, 0));
        assertThat(mapping.toScreen(new Point(640, 400), "coordinate")).isEqualTo(new Point(960, 600));
        assertThat(mapping.toScreen(new Point(1279, 799), "coordinate")).isEqualTo(new Point(1919, 1199));
        assertThat(mapping.toModel(new Point(1919, 1199))).isEqualTo(new Point(1279, 799));
    }

    @Test
    void aCoordinateOutsideTheScreenshotIsRefusedWithTheValidRange() {
        ScreenMapping mapping = ScreenMapping.of(new Resolution(1920, 1200), Scaling.standard());
        assertThatThrownBy(() -> mapping.toScreen(new Point(1280, 10), "coordinate"))
                .isInstanceOf(ToolInputException.class)
                .hasMessage("'coordinate' [1280, 10] is outside the 1280x800 screenshot; x must be 0..1279 and y 0..799.");
        assertThatThrownBy(() -> mapping.toScreen(new Point(5, 800), "start_coordinate"))
                .hasMessageStartingWith("'start_coordinate' [5, 800] is outside");
    }

    @Test
    void aZoomRegionCoversTheScreenPixelsUnderIt() {
        ScreenMapping mapping = ScreenMapping.of(new Resolution(1920, 1200), Scaling.standard());
        assertThat(mapping.regionToScreen(0, 0, 1280, 800)).isEqualTo(new Rectangle(0, 0, 1920, 1200));
        assertThat(mapping.regionToScreen(100, 50, 300, 150)).isEqualTo(new Rectangle(150, 75, 300, 150));
        assertThatThrownBy(() -> mapping.regionToScreen(10, 10, 10, 20)).isInstanceOf(ToolInputException.class).hasMessageContaining("is empty");
        assertThatThrownBy(() -> mapping.regionToScreen(0, 0, 1281, 20)).isInstanceOf(ToolInputException.class).hasMessageContaining("goes beyond");
    }

    @Test
    void displaySizesParseAsXvfbWritesThem() {
        assertThat(DisplaySize.parse("1280x800x24")).isEqualTo(DisplaySize.DEFAULT);
        assertThat(DisplaySize.parse("1024x768")).isEqualTo(new DisplaySize(1024, 768, 24));
        assertThatThrownBy(() -> DisplaySize.parse("big")).hasMessageContaining("write it like 1280x800");
    }
}
