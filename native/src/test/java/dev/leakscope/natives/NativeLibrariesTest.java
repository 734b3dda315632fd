package dev.leakscope.natives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.NativeLong;
import org.junit.jupiter.api.Test;

class NativeLibrariesTest {

    @Test
    void missingLibraryIsAValueThatSaysWhy() {
        Loaded<LibC> absent = NativeLibraries.load(LibC.class, "Frobnicator", "not installed",
                "libleakscope-no-such-library.so.7");
        assertThat(absent.isAvailable()).isFalse();
        assertThat(absent.unavailableReason())
                .isEqualTo("Frobnicator not found: libleakscope-no-such-library.so.7 (not installed)");
        assertThat(absent.missing("getrusage")).contains(absent.unavailableReason());
    }

    @Test
    void missingSymbolIsAValueThatSaysWhy() {
        Loaded<LibC> libc = NativeLibraries.libc();
        assumeTrue(libc.isAvailable(), "glibc is absent: " + libc.unavailableReason());
        assertThat(libc.missing("getrusage")).isEmpty();
        assertThat(libc.missing("leakscope_no_such_symbol"))
                .hasValueSatisfying(why -> assertThat(why).startsWith("leakscope_no_such_symbol not found in "));
    }

    @Test
    void nvmlIsEitherLoadedOrExplained() {
        Loaded<Nvml> nvml = NativeLibraries.nvml();
        if (nvml.isAvailable()) {
            assertThat(nvml.missing("nvmlInit_v2")).isEmpty();
        } else {
            assertThat(nvml.unavailableReason()).isEqualTo("NVML not found: libnvidia-ml.so.1 (no NVIDIA driver)");
        }
    }

    @Test
    void getrusageReportsThisProcess() {
        Loaded<LibC> libc = NativeLibraries.libc();
        assumeTrue(libc.isAvailable(), "glibc is absent: " + libc.unavailableReason());
        LibC.rusage usage = new LibC.rusage();
        assertThat(usage.size()).isEqualTo(144);
        assertThat(libc.library().getrusage(LibC.RUSAGE_SELF, usage)).isZero();
        assertThat(usage.ru_maxrss.longValue()).as("max RSS in KiB").isGreaterThan(1024);
        assertThat(usage.ru_minflt.longValue()).isPositive();
    }

    @Test
    void mallinfo2AndMallocTrimRun() {
        Loaded<LibC> libc = NativeLibraries.libc();
        assumeTrue(libc.isAvailable() && libc.missing("mallinfo2").isEmpty(), "mallinfo2 needs glibc 2.33+");
        LibC.mallinfo2 info = libc.library().mallinfo2();
        assertThat(info.size()).isEqualTo(80);
        assertThat(info.arena).as("bytes in the main arena").isPositive();
        assertThat(info.uordblks).isLessThanOrEqualTo(info.arena + info.hblkhd);
        int trimmed = libc.library().malloc_trim(new NativeLong(0));
        assertThat(trimmed).isBetween(0, 1);
    }
}
