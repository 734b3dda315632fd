package dev.leakscope.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakscope.agent.bootstrap.Recorder;
import dev.leakscope.agent.options.AgentConfig;
import dev.leakscope.core.site.SiteKind;
import dev.leakscope.core.site.SiteTable;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InstrumenterTest {

    @Test
    void theBridgeAndCoreNameTheSameKindsAndReleases() throws ReflectiveOperationException {
        for (SiteKind kind : SiteKind.values()) {
            assertThat(Recorder.class.getField(kind.name()).getInt(null)).as(kind.name()).isEqualTo(kind.id());
        }
        assertThat(Recorder.KINDS).isEqualTo(SiteKind.values().length);
        assertThat(new int[] {Recorder.HELD_NONE, Recorder.HELD_SAMPLED, Recorder.HELD_NESTED}).containsExactly(
                SiteTable.AddressRelease.NONE.ordinal(), SiteTable.AddressRelease.SAMPLED.ordinal(),
                SiteTable.AddressRelease.NESTED.ordinal());
    }

    @Test
    void modulesAreNamedAsTheOptionNamesThem() {
        assertThat(Instrumenter.ALL).extracting(InstrumentationModule::name)
                .containsExactlyElementsOf(AgentConfig.Sites.MODULES);
    }

    @Test
    void aModuleLeftOutSaysSoAndAProblemTurnsEveryModuleOff() {
        Instrumenter some = new Instrumenter(null, Set.of("direct-buffers"), new SiteTable(1, 1), 1, null);
        assertThat(some.tracking().modules()).containsEntry("direct-buffers", "on")
                .containsEntry("unsafe", "off: left out by the modules option");
        Instrumenter none = new Instrumenter(null, Set.of("unsafe"), new SiteTable(1, 1), 1, "no retransformation");
        assertThat(none.tracking().modules()).containsEntry("unsafe", "off: no retransformation");
    }
}
