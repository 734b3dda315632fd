package dev.leakscope.natives;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;

/**
 * JNA mapping of the glibc functions leakscope uses, named as in C. {@code mallinfo2} needs
 * glibc 2.33 or later; check with {@link Loaded#missing(String)}.
 */
public interface LibC extends Library {

    String LIBRARY = "c";

    int RUSAGE_SELF = 0;
    int RUSAGE_CHILDREN = -1;
    int RUSAGE_THREAD = 1;

    int getrusage(int who, rusage usage);

    mallinfo2.ByValue mallinfo2();

    int malloc_trim(NativeLong pad);

    /** {@code struct timeval} on LP64 Linux. */
    @Structure.FieldOrder({"tv_sec", "tv_usec"})
    class timeval extends Structure {
        public NativeLong tv_sec;
        public NativeLong tv_usec;
    }

    /** {@code struct rusage}; {@code ru_maxrss} is in kilobytes on Linux. */
    @Structure.FieldOrder({"ru_utime", "ru_stime", "ru_maxrss", "ru_ixrss", "ru_idrss", "ru_isrss",
            "ru_minflt", "ru_majflt", "ru_nswap", "ru_inblock", "ru_oublock", "ru_msgsnd", "ru_msgrcv",
            "ru_nsignals", "ru_nvcsw", "ru_nivcsw"})
    class rusage extends Structure {
        public timeval ru_utime;
        public timeval ru_stime;
        public NativeLong ru_maxrss;
        public NativeLong ru_ixrss;
        public NativeLong ru_idrss;
        public NativeLong ru_isrss;
        public NativeLong ru_minflt;
        public NativeLong ru_majflt;
        public NativeLong ru_nswap;
        public NativeLong ru_inblock;
        public NativeLong ru_oublock;
        public NativeLong ru_msgsnd;
        public NativeLong ru_msgrcv;
        public NativeLong ru_nsignals;
        public NativeLong ru_nvcsw;
        public NativeLong ru_nivcsw;
    }

    /** {@code struct mallinfo2}: every field is a {@code size_t}. */
    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
            "uordblks", "fordblks", "keepcost"})
    class mallinfo2 extends Structure {
        public long arena;
        public long ordblks;
        public long smblks;
        public long hblks;
        public long hblkhd;
        public long usmblks;
        public long fsmblks;
        public long uordblks;
        public long fordblks;
        public long keepcost;

        /** The by-value form that {@code mallinfo2()} returns. */
        public static class ByValue extends mallinfo2 implements Structure.ByValue {
        }
    }
}
