package dev.leakscope.core.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sampler's policies, with sources written for the purpose (no /proc involved). */
class SamplerTest {

    private final List<Notice> notices = new ArrayList<>();

    @Test
    void aFailingSourceIsReportedOnceAndSwitchedOffWhileOthersGoOn() throws Exception {
        Counting good = new Counting("good", Duration.ZERO, 0);
        Failing bad = new Failing();
        Sampler sampler = new Sampler(List.of(good, bad), false, notices::add, ObservationClock.startNow());
        assertThat(sampler.start().available()).containsExactly("rss", "uss");
        Sample first = sampler.tick();
        assertThat(first.values()).containsOnlyKeys("rss");
        Sample second = sampler.tick();
        assertThat(second.values()).containsOnlyKeys("rss");
        assertThat(bad.reads).isEqualTo(1);
        assertThat(bad.closed).isTrue();
        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.level()).isEqualTo(Notice.Level.WARN);
            assertThat(n.signal()).isEqualTo("uss");
            assertThat(n.message()).isEqualTo("uss unavailable from now on: failing failed: Permission denied");
        });
        assertThat(sampler.activeSignals()).containsExactly("rss");
    }

    @Test
    void aSourceThatLosesSomeSignalsKeepsTheOthers() throws Exception {
        SignalSource gpu = new SignalSource() {
            @Override
            public String name() {
                return "NVML";
            }

            @Override
            public List<String> signals() {
                return List.of("vram_process", "vram_device_used");
            }

            @Override
            public Availability probe() {
                return Availability.of(signals());
            }

            @Override
            public void read(Sample.Builder out) throws SignalsLost {
                out.put("vram_device_used", 7);
                throw new SignalsLost(List.of("vram_process"), "NVML_ERROR_NO_PERMISSION");
            }
        };
        Sampler sampler = new Sampler(List.of(gpu), false, notices::add, ObservationClock.startNow());
        sampler.start();
        assertThat(sampler.tick().values()).containsOnlyKeys("vram_device_used");
        assertThat(sampler.tick().values()).containsOnlyKeys("vram_device_used");
        assertThat(sampler.activeSignals()).containsExactly("vram_device_used");
        assertThat(notices).singleElement().satisfies(n -> assertThat(n.message())
                .isEqualTo("vram_process unavailable from now on: NVML failed: NVML_ERROR_NO_PERMISSION"));
    }

    @Test
    void aPartialReadLeavesNoPartialValue() throws Exception {
        Failing bad = new Failing();
        bad.putBeforeFailing = true;
        Sampler sampler = new Sampler(List.of(bad), false, notices::add, ObservationClock.startNow());
        sampler.start();
        assertThat(sampler.tick().values()).isEmpty();
    }

    @Test
    void periodicSourcesAreReadWhenDue() throws Exception {
        Counting periodic = new Counting("periodic", Duration.ofHours(1), 0);
        Counting everyTick = new Counting("tick", Duration.ZERO, 0);
        Sampler sampler = new Sampler(List.of(periodic, everyTick), false, notices::add, ObservationClock.startNow());
        sampler.start();
        for (int i = 0; i < 5; i++) {
            sampler.tick();
        }
        assertThat(periodic.reads).isEqualTo(1);
        assertThat(everyTick.reads).isEqualTo(5);
    }

    @Test
    void aSlowPeriodicSourceBacksOffAndSaysSo() throws Exception {
        Counting slow = new Counting("smaps_rollup", Duration.ofMillis(1), 20);
        Sampler sampler = new Sampler(List.of(slow), false, notices::add, ObservationClock.startNow());
        sampler.start();
        sampler.tick();
        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.level()).isEqualTo(Notice.Level.INFO);
            assertThat(n.message()).startsWith("reading smaps_rollup every ").contains("instead of every 1ms: one read took");
        });
        Thread.sleep(50);
        sampler.tick();
        assertThat(slow.reads).as("20 ms reads: next read 40 s later").isEqualTo(1);
    }

    @Test
    void sourcesThatCannotGiveAnythingAreClosedAtStart() {
        Failing bad = new Failing();
        bad.available = false;
        Sampler sampler = new Sampler(List.of(bad), false, notices::add, ObservationClock.startNow());
        Availability a = sampler.start();
        assertThat(a.unavailable()).containsEntry("uss", "no such file");
        assertThat(bad.closed).isTrue();
    }

    private static final class Counting implements SignalSource {
        final String name;
        final Duration period;
        final long sleepMillis;
        int reads;

        Counting(String name, Duration period, long sleepMillis) {
            this.name = name;
            this.period = period;
            this.sleepMillis = sleepMillis;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<String> signals() {
            return List.of("rss");
        }

        @Override
        public Availability probe() {
            return Availability.of(signals());
        }

        @Override
        public Duration period() {
            return period;
        }

        @Override
        public void read(Sample.Builder out) throws InterruptedException {
            reads++;
            Thread.sleep(sleepMillis);
            out.put("rss", reads);
        }
    }

    private static final class Failing implements SignalSource {
        int reads;
        boolean closed;
        boolean available = true;
        boolean putBeforeFailing;

        @Override
        public String name() {
            return "failing";
        }

        @Override
        public List<String> signals() {
            return List.of("uss");
        }

        @Override
        public Availability probe() {
            return available ? Availability.of(signals()) : Availability.none(signals(), "no such file");
        }

        @Override
        public void read(Sample.Builder out) throws IOException {
            reads++;
            if (putBeforeFailing) {
                out.put("uss", 1);
            }
            throw new IOException("Permission denied");
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
