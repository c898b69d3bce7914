package dev.agentstream.tools.computer;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AreaAverageScalerTest {

    @BeforeAll
    static void keepAwtAbleToUseTheTestDisplay() {
        TestDisplay.beforeAwt();
    }

    @Test
    void flatAreasKeepTheirExactColour() {
        BufferedImage image = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        fill(image, 0, 0, 150, 200, 0x123456);
        fill(image, 150, 0, 150, 200, 0xFEDCBA);
        BufferedImage scaled = AreaAverageScaler.scale(PixelBuffer.of(image), 200, 133);
        assertThat(scaled.getWidth()).isEqualTo(200);
        assertThat(scaled.getHeight()).isEqualTo(133);
        for (int y = 0; y < 133; y++) {
            assertThat(scaled.getRGB(0, y) & 0xFFFFFF).isEqualTo(0x123456);
            assertThat(scaled.getRGB(99, y) & 0xFFFFFF).isEqualTo(0x123456);
            assertThat(scaled.getRGB(100, y) & 0xFFFFFF).isEqualTo(0xFEDCBA);
            assertThat(scaled.getRGB(199, y) & 0xFFFFFF).isEqualTo(0xFEDCBA);
        }
    }

    @Test
    void eachTargetPixelIsTheMeanOfTheAreaItCovers() {
        BufferedImage image = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x000000);
        image.setRGB(1, 0, 0xFFFFFF);
        image.setRGB(0, 1, 0xFFFFFF);
        image.setRGB(1, 1, 0x000000);
        fill(image, 2, 0, 2, 2, 0x804020);
        image.setRGB(3, 1, 0x000000);
        BufferedImage scaled = AreaAverageScaler.scale(PixelBuffer.of(image), 2, 1);
        assertThat(scaled.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x808080);
        // three of 0x804020 and one black: 0x60, 0x30, 0x18
        assertThat(scaled.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0x603018);
    }

    @Test
    void aRegionOfALargerImageIsScaledOnItsOwn() {
        BufferedImage image = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        fill(image, 0, 0, 100, 100, 0xFF0000);
        fill(image, 40, 40, 20, 20, 0x00FF00);
        PixelBuffer region = PixelBuffer.of(image).region(new Rectangle(40, 40, 20, 20));
        BufferedImage scaled = AreaAverageScaler.scale(region, 10, 10);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) assertThat(scaled.getRGB(x, y) & 0xFFFFFF).isEqualTo(0x00FF00);
        }
        assertThat(region.hash()).isNotEqualTo(PixelBuffer.of(image).hash());
        assertThat(region.sameRgb(PixelBuffer.of(AreaAverageScaler.scale(region, 20, 20)))).isTrue();
    }

    private static void fill(BufferedImage image, int x0, int y0, int w, int h, int rgb) {
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) image.setRGB(x, y, rgb);
        }
    }
}
