package dev.leakscope.agent.it.workload;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * Netty buffers, as a server's handlers take them: 4 KiB direct buffers, 50 every 100 ms, from the
 * pooled, unpooled or adaptive (Netty 4.2's default) allocator, each released or forgotten.
 */
public final class NettyWorkloads {

    private static final int PER_TICK = 50;

    private NettyWorkloads() {
    }

    /** Runs for {@code seconds}, then prints {@code netty done buffers=N}. */
    public static void buffers(String allocator, boolean release, double seconds) throws InterruptedException {
        ByteBufAllocator alloc = allocator(allocator);
        long ticks = Math.round(seconds * 10);
        long made = 0;
        for (long tick = 0; tick < ticks; tick++) {
            for (int i = 0; i < PER_TICK; i++) {
                ByteBuf buffer = take(alloc);
                buffer.writeLong(made++);
                if (release) {
                    buffer.release();
                }
            }
            if (tick % 10 == 9) {
                System.gc(); // so that forgotten buffers are collected within a short test
            }
            Thread.sleep(100);
        }
        System.out.println("netty done buffers=" + made);
    }

    /** The allocation site the tests look for. */
    private static ByteBuf take(ByteBufAllocator alloc) {
        return alloc.directBuffer(4096);
    }

    private static ByteBufAllocator allocator(String name) {
        return switch (name) {
            case "pooled" -> PooledByteBufAllocator.DEFAULT;
            case "unpooled" -> UnpooledByteBufAllocator.DEFAULT;
            case "adaptive" -> ByteBufAllocator.DEFAULT;
            default -> throw new IllegalArgumentException("allocator " + name + " (expected: pooled, unpooled or adaptive)");
        };
    }
}
