package dev.leakscope.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.leakscope.agent.bootstrap.Recorder;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * {@code javacpp}: the native memory JavaCPP pointers own ({@code new BytePointer(n)},
 * {@code FloatPointer}, the presets' arrays and structs). JavaCPP registers each owned allocation
 * in a {@code DeallocatorReference} list ({@code add()}) and takes it out on every release path,
 * {@code close()}, {@code releaseReference()}, {@code deallocate()}, a {@code PointerScope} and its
 * collector thread after GC, exactly once ({@code remove()}, which does nothing on a reference no
 * longer listed). Keyed by that reference, which the list holds strongly until then; its size is
 * JavaCPP's own account, capacity times element size. Pointers JavaCPP knows no size of (native
 * objects such as a TensorFlow tensor, session or status) are not counted: a tensor is the
 * {@code tensorflow} module's. Under {@code -Dorg.bytedeco.javacpp.nopointergc=true} JavaCPP keeps
 * no list, and this module sees nothing. {@code add()} runs under JavaCPP's allocation lock, so a
 * sampled allocation walks its stack while holding it; sampling keeps such walks rare.
 */
final class JavaCppModule implements InstrumentationModule {

    private static final String REFERENCE = "org.bytedeco.javacpp.Pointer$DeallocatorReference";

    @Override
    public String name() {
        return "javacpp";
    }

    @Override
    public List<String> classes() {
        return List.of(REFERENCE);
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Advices advice) {
        return builder.type(named(REFERENCE)).transform(advice.to(named("add").and(takesArguments(0)), getClass(), "Added")
                .advice(named("remove").and(takesArguments(0)), Advices.name(getClass(), "Removed")));
    }

    static final class Added {
        private Added() {
        }

        /** Whether it was out of the list, so that an add() of a listed reference cannot count twice. */
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.This Object reference, @Advice.FieldValue("prev") Object prev,
                             @Advice.FieldValue("next") Object next) {
            return prev == reference && next == reference;
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Enter boolean wasOut, @Advice.This Object reference, @Advice.FieldValue("bytes") long bytes) {
            if (wasOut && bytes > 0) {
                Recorder.allocated(Recorder.JAVACPP_POINTER, reference, 0, bytes);
            }
        }
    }

    static final class Removed {
        private Removed() {
        }

        /** On entry, while it is still listed: remove() of a reference out of the list does nothing. */
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object reference, @Advice.FieldValue("prev") Object prev,
                          @Advice.FieldValue("next") Object next, @Advice.FieldValue("bytes") long bytes) {
            if (bytes > 0 && !(prev == reference && next == reference)) {
                Recorder.freed(Recorder.JAVACPP_POINTER, reference, 0, bytes);
            }
        }
    }
}
