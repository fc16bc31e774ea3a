package network.shaga.app.ui.perf;

/**
 * Which JavaFX rendering pipeline and windowing platform this JVM runs, for benchmark reports. Read through
 * reflection from JavaFX's internal classes (there is no public API for it); "unknown" if they change.
 */
final class Toolkit {
    private Toolkit() {
    }

    /** "SWPipeline" (software), "ES2Pipeline" (OpenGL), "D3DPipeline", ... */
    static String pipeline() {
        return internalClassName("com.sun.prism.GraphicsPipeline", "getPipeline");
    }

    /** "GtkApplication", "MonocleApplication", "WinApplication", "MacApplication", ... */
    static String platform() {
        return internalClassName("com.sun.glass.ui.Application", "GetApplication");
    }

    private static String internalClassName(String className, String accessor) {
        try {
            Object instance = Class.forName(className).getMethod(accessor).invoke(null);
            return instance == null ? "none" : instance.getClass().getSimpleName();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return "unknown";
        }
    }
}
