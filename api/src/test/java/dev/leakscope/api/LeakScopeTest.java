package dev.leakscope.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Without the agent the markers do nothing but check their arguments; with it, see the agent's MarkersIT. */
class LeakScopeTest {

    @Test
    void markersWithoutTheAgentDoNothing() {
        LeakScope.iteration();
        LeakScope.phase("after load");
        try (Cleanup c = LeakScope.expectFreed("VLM", "14GB")) {
            assertThat(c.label()).isEqualTo("VLM");
            assertThat(c.expected()).isEqualTo("14GB");
        }
        assertThat(LeakScope.expectFreed("model", 1024).expected()).isEqualTo("1024");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> LeakScope.phase(null)).hasMessageContaining("label: null");
        assertThatThrownBy(() -> LeakScope.expectFreed("VLM", null)).hasMessageContaining("expected: null");
        assertThatThrownBy(() -> LeakScope.expectFreed("VLM", -1)).hasMessageContaining("expectedBytes: -1 (expected: >= 0)");
    }
}
