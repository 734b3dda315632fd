package dev.leakscope.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.leakscope.agent.bootstrap.Recorder;
import io.netty.buffer.ByteBuf;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * {@code netty}: pooled and unpooled {@code ByteBuf}s, seen where every allocator makes them
 * ({@code newDirectBuffer}/{@code newHeapBuffer} of each {@code AbstractByteBufAllocator}), and
 * their release down to a reference count of 0. The memory a pool takes in chunks (direct buffers,
 * {@code Unsafe}) while making a buffer is the buffer's; derived buffers (slices, duplicates) are
 * views, not allocations. A buffer collected unreleased is a leak, as Netty's own detector says.
 */
final class NettyModule implements InstrumentationModule {

    private static final String ALLOCATOR = "io.netty.buffer.AbstractByteBufAllocator";
    private static final String REFERENCE_COUNTED = "io.netty.buffer.AbstractReferenceCountedByteBuf";

    @Override
    public String name() {
        return "netty";
    }

    @Override
    public List<String> classes() {
        return List.of(ALLOCATOR, REFERENCE_COUNTED);
    }

    @Override
    public AgentBuilder instrument(AgentBuilder builder, Advices advice) {
        return builder
                .type(nameStartsWith("io.netty.").and(not(isAbstract())).and(hasSuperType(named(ALLOCATOR))))
                .transform(advice.to(named("newDirectBuffer").or(named("newHeapBuffer")).and(takesArguments(int.class, int.class))
                        .and(not(isAbstract())), getClass(), "Allocated"))
                .type(named(REFERENCE_COUNTED))
                .transform(advice.to(named("release"), getClass(), "Released"));
    }

    static final class Allocated {
        private Allocated() {
        }

        /** Whether this is the outermost allocator call: allocators that delegate must count once. */
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter() {
            return Recorder.enterOuter();
        }

        /**
         * Tracks the buffer itself, not the leak-aware wrapper Netty's own detector puts around one
         * in a hundred or so: its release is the buffer's, and a dropped wrapper takes it along.
         */
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter boolean outermost, @Advice.Return ByteBuf buffer) {
            Recorder.exitOuter();
            if (outermost && buffer != null) {
                ByteBuf own = buffer;
                while (own.unwrap() != null) {
                    own = own.unwrap();
                }
                Recorder.allocated(Recorder.NETTY_BYTEBUF, own, 0, own.capacity());
            }
        }
    }

    static final class Released {
        private Released() {
        }

        /** Its capacity before it goes, or -1 for a derived buffer, which allocated nothing. */
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static int enter(@Advice.This ByteBuf buffer) {
            return buffer.unwrap() == null ? buffer.capacity() : -1;
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Enter int capacity, @Advice.Return boolean deallocated, @Advice.This ByteBuf buffer) {
            if (deallocated && capacity >= 0) {
                Recorder.freed(Recorder.NETTY_BYTEBUF, buffer, 0, capacity);
            }
        }
    }
}
