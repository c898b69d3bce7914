package dev.agentstream.tools.computer;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls C functions (libc, Xlib, XTest) through JNA's dynamic {@code Function} API.
 *
 * <p>JNA is on the runtime classpath because pty4j needs it, but only as a runtime dependency, so this
 * module cannot name its types at compile time; it is reached through method handles instead. Arguments
 * follow JNA's rules: {@code int}, {@code long} (64-bit, used for XIDs and KeySyms on 64-bit Linux),
 * {@code String} (a C string), primitive arrays (passed by reference and copied back) and pointers
 * returned by earlier calls (opaque objects).
 */
final class NativeFunctions {

    private static final Class<?> FUNCTION;
    private static final Class<?> POINTER;
    private static final MethodHandle GET_FUNCTION;
    private static final MethodHandle INVOKE;
    private static final MethodHandle GET_LONG;
    private static final Throwable UNAVAILABLE;

    static {
        Class<?> function = null;
        Class<?> pointer = null;
        MethodHandle getFunction = null;
        MethodHandle invoke = null;
        MethodHandle getLong = null;
        Throwable unavailable = null;
        try {
            function = Class.forName("com.sun.jna.Function");
            pointer = Class.forName("com.sun.jna.Pointer");
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            getFunction = lookup.findStatic(function, "getFunction", MethodType.methodType(function, String.class, String.class));
            invoke = lookup.findVirtual(function, "invoke", MethodType.methodType(Object.class, Class.class, Object[].class));
            getLong = lookup.findVirtual(pointer, "getLong", MethodType.methodType(long.class, long.class));
        } catch (ReflectiveOperationException | LinkageError e) {
            unavailable = e;
        }
        FUNCTION = function;
        POINTER = pointer;
        GET_FUNCTION = getFunction;
        INVOKE = invoke;
        GET_LONG = getLong;
        UNAVAILABLE = unavailable;
    }

    private static final Map<String, Object> FUNCTIONS = new ConcurrentHashMap<>();

    private NativeFunctions() {}

    /** The type JNA uses for a C pointer result, to pass as {@code returnType}. */
    static Class<?> pointerType() {
        requireJna();
        return POINTER;
    }

    static int callInt(String library, String name, Object... args) {
        return (Integer) call(library, name, Integer.class, args);
    }

    /** A C {@code unsigned char} result (the upper bits of the return register are undefined, so read a byte). */
    static int callUnsignedByte(String library, String name, Object... args) {
        return ((Byte) call(library, name, Byte.class, args)) & 0xFF;
    }

    static long callLong(String library, String name, Object... args) {
        return (Long) call(library, name, Long.class, args);
    }

    /** A pointer result (null for a C NULL). */
    static Object callPointer(String library, String name, Object... args) {
        return call(library, name, pointerType(), args);
    }

    /** The 64-bit value at {@code offset} bytes from a pointer a call returned. */
    static long readLong(Object pointer, long offset) {
        try {
            return (long) GET_LONG.invoke(pointer, offset);
        } catch (Throwable t) {
            throw new IllegalStateException("Reading native memory failed: " + t, t);
        }
    }

    private static Object call(String library, String name, Class<?> returnType, Object[] args) {
        Object function = FUNCTIONS.computeIfAbsent(library + ":" + name, key -> lookup(library, name));
        try {
            return INVOKE.invoke(function, returnType, args);
        } catch (Throwable t) {
            throw new IllegalStateException("Calling " + name + " in lib" + library + " failed: " + t, t);
        }
    }

    private static Object lookup(String library, String name) {
        requireJna();
        try {
            return GET_FUNCTION.invoke(library, name);
        } catch (Throwable t) {
            throw new DisplayUnavailableException("The native library lib" + library + " (function " + name
                    + ") could not be loaded: " + t.getMessage() + "; install " + packageOf(library) + ".");
        }
    }

    private static String packageOf(String library) {
        return switch (library) {
            case "X11" -> "the libx11-6 package";
            case "Xtst" -> "the libxtst6 package";
            default -> "lib" + library;
        };
    }

    private static void requireJna() {
        if (UNAVAILABLE != null || FUNCTION == null) {
            throw new DisplayUnavailableException("JNA (com.sun.jna) is not on the classpath, so the computer tool cannot reach Xlib: "
                    + UNAVAILABLE + "; add net.java.dev.jna:jna to the classpath.");
        }
    }
}
