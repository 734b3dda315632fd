package dev.leakscope.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.leakscope.agent.bootstrap.Recorder;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * {@code unsafe}: {@code sun.misc.Unsafe.allocateMemory}, {@code reallocateMemory} and
 * {@code freeMemory}, the off-heap memory of Netty, Arrow, Chronicle and others. The JDK's own
 * direct buffers use the internal Unsafe, which is not instrumented, so nothing counts twice.
 */
final class UnsafeModule implements InstrumentationModule {

    private static final String UNSAFE = "sun.misc.Unsafe";

    @Override
    public String name() {
        return "unsafe";
    }

    @Override
    public List<String> classes() {
        return List.of(UNSAFE);
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Advices advice) {
        return builder.type(named(UNSAFE)).transform(advice.to(named("allocateMemory"), getClass(), "Allocated")
                .advice(named("reallocateMemory"), Advices.name(getClass(), "Reallocated"))
                .advice(named("freeMemory"), Advices.name(getClass(), "Freed")));
    }

    static final class Allocated {
        private Allocated() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) long bytes, @Advice.Return long address) {
            if (address != 0) {
                Recorder.allocatedInner(Recorder.UNSAFE, address, bytes);
            }
        }
    }

    static final class Reallocated {
        private Reallocated() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) long old, @Advice.Argument(1) long bytes, @Advice.Return long address) {
            if (old != 0) {
                Recorder.freed(Recorder.UNSAFE, null, old, -1);
            }
            if (address != 0) {
                Recorder.allocatedInner(Recorder.UNSAFE, address, bytes);
            }
        }
    }

    static final class Freed {
        private Freed() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) long address) {
            if (address != 0) {
                Recorder.freed(Recorder.UNSAFE, null, address, -1);
            }
        }
    }
}
