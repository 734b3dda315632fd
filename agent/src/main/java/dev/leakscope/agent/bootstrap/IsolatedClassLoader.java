package dev.leakscope.agent.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads leakscope's implementation from the {@code inst/} folder of the agent jar, where class
 * files are stored as {@code .classdata} so that no application class loader can ever find them.
 * Our Jackson, Logback, OSHI, picocli and, above all, JNA (which cannot be relocated) therefore
 * never meet the host's copies. Parent first for the JDK; the bootstrap bridge comes from the
 * loader that loaded this class, so that both sides share it.
 */
final class IsolatedClassLoader extends ClassLoader {

    static {
        ClassLoader.registerAsParallelCapable();
    }

    static final String PREFIX = "inst/";
    private static final String CLASS_SUFFIX = ".classdata";
    private static final String BRIDGE_PACKAGE = "dev.leakscope.agent.bootstrap.";
    /** jdk.attach is defined to the application loader, not the platform loader. */
    private static final String ATTACH_PACKAGE = "com.sun.tools.attach.";

    private final JarFile jar;
    private final String jarUrl;
    private final ProtectionDomain domain;
    private final ClassLoader bridgeLoader;

    IsolatedClassLoader(File jarFile, ClassLoader bridgeLoader) throws IOException {
        super(platformLoader());
        this.jar = new JarFile(jarFile, false);
        this.jarUrl = jarFile.toURI().toURL().toString();
        this.domain = new ProtectionDomain(new CodeSource(jarFile.toURI().toURL(), (Certificate[]) null), null, this, null);
        this.bridgeLoader = bridgeLoader;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                if (name.startsWith(BRIDGE_PACKAGE)) {
                    c = Class.forName(name, false, bridgeLoader);
                } else {
                    c = parentOrOwn(name);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private Class<?> parentOrOwn(String name) throws ClassNotFoundException {
        try {
            return getParent().loadClass(name);
        } catch (ClassNotFoundException e) {
            if (name.startsWith(ATTACH_PACKAGE)) {
                return ClassLoader.getSystemClassLoader().loadClass(name);
            }
            return findClass(name);
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String path = name.replace('.', '/');
        JarEntry entry = jar.getJarEntry(PREFIX + path + CLASS_SUFFIX);
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
            bytes = readAll(in);
        } catch (IOException e) {
            throw new ClassNotFoundException(name + " (cannot read " + entry.getName() + " from " + jar.getName() + ")", e);
        }
        definePackageOf(name);
        return defineClass(name, bytes, 0, bytes.length, domain);
    }

    @Override
    protected URL findResource(String name) {
        String entryName = PREFIX + (name.endsWith(".class") ? name.substring(0, name.length() - 6) + CLASS_SUFFIX : name);
        if (jar.getJarEntry(entryName) == null) {
            return null;
        }
        try {
            return new URL("jar:" + jarUrl + "!/" + entryName);
        } catch (MalformedURLException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.<URL>emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
    }

    private void definePackageOf(String className) {
        int dot = className.lastIndexOf('.');
        if (dot > 0) {
            String pkg = className.substring(0, dot);
            if (getDefinedPackage(pkg) == null) {
                try {
                    definePackage(pkg, null, null, null, null, null, null, null);
                } catch (IllegalArgumentException e) {
                    // defined concurrently by another thread
                }
            }
        }
    }

    @SuppressWarnings("deprecation")
    private Package getDefinedPackage(String pkg) {
        // Java 8 API on purpose: this class is compiled for Java 8, though it only runs on 17+
        return getPackage(pkg);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static ClassLoader platformLoader() {
        try {
            return (ClassLoader) ClassLoader.class.getMethod("getPlatformClassLoader").invoke(null);
        } catch (ReflectiveOperationException e) {
            return null; // Java 8: the bootstrap loader; never reached, the launcher requires 17
        }
    }
}
