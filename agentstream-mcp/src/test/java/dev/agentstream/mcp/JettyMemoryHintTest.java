package dev.agentstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JettyMemoryHintTest {

    @Test
    void referencesAreFourBytesBelowThirtyTwoGibibytesOfHeapAndEightAbove() {
        assertThat(JettyMemoryHint.referencesPerCacheLine(1L << 30)).isEqualTo(16);
        assertThat(JettyMemoryHint.referencesPerCacheLine(64L << 30)).isEqualTo(8);
    }

    @Test
    void aValueTheUserGaveIsKept() {
        String before = System.getProperty(JettyMemoryHint.PROPERTY);
        try {
            System.setProperty(JettyMemoryHint.PROPERTY, "3");
            JettyMemoryHint.apply();
            assertThat(System.getProperty(JettyMemoryHint.PROPERTY)).isEqualTo("3");
        } finally {
            if (before == null) System.clearProperty(JettyMemoryHint.PROPERTY);
            else System.setProperty(JettyMemoryHint.PROPERTY, before);
        }
    }
}
