package dev.leakscope.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.leakscope.agent.bootstrap.Recorder;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * {@code direct-buffers}: {@code ByteBuffer.allocateDirect}, seen in the one constructor that
 * allocates ({@code DirectByteBuffer(int)}), and the release of its memory in the Deallocator that
 * both the Cleaner (after GC) and an explicit {@code clean()} run, exactly once per buffer.
 */
final class DirectBuffersModule implements InstrumentationModule {

    private static final String BUFFER = "java.nio.DirectByteBuffer";
    private static final String DEALLOCATOR = "java.nio.DirectByteBuffer$Deallocator";

    @Override
    public String name() {
        return "direct-buffers";
    }

    @Override
    public List<String> classes() {
        return List.of(BUFFER, DEALLOCATOR);
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Advices advice) {
        return builder
                .type(named(BUFFER)).transform(advice.to(isConstructor().and(takesArguments(int.class)), getClass(), "Allocated"))
                .type(named(DEALLOCATOR)).transform(advice.to(named("run"), getClass(), "Released"));
    }

    static final class Allocated {
        private Allocated() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.FieldValue("address") long address, @Advice.Argument(0) int capacity) {
            Recorder.allocatedInner(Recorder.DIRECT_BUFFER, address, capacity);
        }
    }

    static final class Released {
        private Released() {
        }

        /** On entry: JDK 17's Deallocator zeroes its address once it has freed it. */
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("address") long address, @Advice.FieldValue("capacity") int capacity) {
            if (address != 0) {
                Recorder.freed(Recorder.DIRECT_BUFFER, null, address, capacity);
            }
        }
    }
}
