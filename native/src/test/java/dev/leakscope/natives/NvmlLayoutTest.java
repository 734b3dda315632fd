package dev.leakscope.natives;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Structure;
import org.junit.jupiter.api.Test;

/** The struct layouts must match nvml.h byte for byte; NVML writes into these buffers. */
class NvmlLayoutTest {

    @Test
    void processInfoV2AndV3HaveFourFieldsIn24Bytes() {
        Nvml.nvmlProcessInfo_t info = new Nvml.nvmlProcessInfo_t();
        assertThat(info.size()).isEqualTo(24);
        assertThat(Offsets.of(info, "pid")).isZero();
        assertThat(Offsets.of(info, "usedGpuMemory")).isEqualTo(8);
        assertThat(Offsets.of(info, "gpuInstanceId")).isEqualTo(16);
        assertThat(Offsets.of(info, "computeInstanceId")).isEqualTo(20);
    }

    @Test
    void processInfoV1HasTwoFieldsIn16Bytes() {
        Nvml.nvmlProcessInfo_v1_t info = new Nvml.nvmlProcessInfo_v1_t();
        assertThat(info.size()).isEqualTo(16);
        assertThat(Offsets.of(info, "usedGpuMemory")).isEqualTo(8);
    }

    @Test
    void memoryIsThreeUnsignedLongLongs() {
        Nvml.nvmlMemory_t memory = new Nvml.nvmlMemory_t();
        assertThat(memory.size()).isEqualTo(24);
        assertThat(Offsets.of(memory, "used")).isEqualTo(16);
    }

    @Test
    void processArraysAreContiguous() {
        Nvml.nvmlProcessInfo_t[] infos = (Nvml.nvmlProcessInfo_t[]) new Nvml.nvmlProcessInfo_t().toArray(3);
        long base = com.sun.jna.Pointer.nativeValue(infos[0].getPointer());
        assertThat(com.sun.jna.Pointer.nativeValue(infos[2].getPointer()) - base).isEqualTo(48);
    }

    /** Reads JNA's protected field offsets. */
    private static final class Offsets {
        static int of(Structure s, String field) {
            try {
                java.lang.reflect.Method m = Structure.class.getDeclaredMethod("fieldOffset", String.class);
                m.setAccessible(true);
                return (int) m.invoke(s, field);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }
}
