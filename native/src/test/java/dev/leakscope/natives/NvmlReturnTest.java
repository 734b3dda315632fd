package dev.leakscope.natives;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NvmlReturnTest {

    @Test
    void namesKnownCodesAsInNvmlH() {
        assertThat(NvmlReturn.nameOf(0)).isEqualTo("NVML_SUCCESS");
        assertThat(NvmlReturn.nameOf(7)).isEqualTo("NVML_ERROR_INSUFFICIENT_SIZE");
        assertThat(NvmlReturn.nameOf(9)).isEqualTo("NVML_ERROR_DRIVER_NOT_LOADED");
        assertThat(NvmlReturn.nameOf(13)).isEqualTo("NVML_ERROR_FUNCTION_NOT_FOUND");
        assertThat(NvmlReturn.nameOf(999)).isEqualTo("NVML_ERROR_UNKNOWN");
    }

    @Test
    void codesAreUniqueAndDense() {
        for (int code = 0; code <= 29; code++) {
            assertThat(NvmlReturn.nameOf(code)).startsWith("NVML_");
        }
    }

    @Test
    void namesAnUnknownCodeByNumber() {
        assertThat(NvmlReturn.nameOf(4242)).isEqualTo("nvmlReturn_t 4242");
    }
}
