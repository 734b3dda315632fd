package dev.leakscope.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/**
 * The members of TensorFlow and JavaCPP that the advice names, in the versions the agent is built
 * against: a library upgrade that moves one fails here, not as a notice in a user's run. Classes are
 * loaded without being initialized, so that no native library is needed.
 */
class LibraryShapesTest {

    @Test
    void tensorflowDeletesEachTensorInItsDeallocatorWhichIsTheTensor() throws ReflectiveOperationException {
        Class<?> deallocator = load(new TensorFlowModule().classes().get(0));
        Class<?> tensor = load("org.tensorflow.internal.c_api.TF_Tensor");
        assertThat(tensor).isAssignableFrom(deallocator);
        assertThat(load("org.bytedeco.javacpp.Pointer$Deallocator")).isAssignableFrom(deallocator);
        assertThat(deallocator.getDeclaredConstructor(tensor)).isNotNull();
        assertThat(deallocator.getDeclaredMethod("deallocate").getReturnType()).isEqualTo(void.class);
        Method size = load("org.tensorflow.internal.c_api.global.tensorflow").getMethod("TF_TensorByteSize", tensor);
        assertThat(Modifier.isStatic(size.getModifiers())).isTrue();
        assertThat(size.getReturnType()).isEqualTo(long.class);
    }

    @Test
    void javacppListsEachOwnedAllocationWithItsSize() throws ReflectiveOperationException {
        Class<?> reference = load(new JavaCppModule().classes().get(0));
        assertThat(reference.getDeclaredField("prev").getType()).isEqualTo(reference);
        assertThat(reference.getDeclaredField("next").getType()).isEqualTo(reference);
        assertThat(reference.getDeclaredField("bytes").getType()).isEqualTo(long.class);
        assertThat(reference.getDeclaredMethod("add").getReturnType()).isEqualTo(void.class);
        assertThat(reference.getDeclaredMethod("remove").getReturnType()).isEqualTo(void.class);
    }

    private static Class<?> load(String name) throws ClassNotFoundException {
        return Class.forName(name, false, LibraryShapesTest.class.getClassLoader());
    }
}
