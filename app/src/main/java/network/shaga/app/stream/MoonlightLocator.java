package network.shaga.app.stream;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** Finds Moonlight: an explicit path, then PATH, then flatpak, then the usual install folders of each OS. */
public final class MoonlightLocator {
    public static final String FLATPAK_ID = "com.moonlight_stream.Moonlight";

    private final String osName;
    private final Function<String, String> env;
    private final Predicate<Path> isExecutable;
    private final Predicate<String> flatpakInstalled;

    public MoonlightLocator(String osName, Function<String, String> env, Predicate<Path> isExecutable, Predicate<String> flatpakInstalled) {
        this.osName = osName.toLowerCase(Locale.ROOT);
        this.env = env;
        this.isExecutable = isExecutable;
        this.flatpakInstalled = flatpakInstalled;
    }

    /** A locator for this machine. */
    public static MoonlightLocator system() {
        return new MoonlightLocator(System.getProperty("os.name"), System::getenv, Files::isExecutable, MoonlightLocator::flatpakHas);
    }

    public Optional<MoonlightInstallation> locate(Path explicit) {
        if (explicit != null) {
            return isExecutable.test(explicit)
                    ? Optional.of(new MoonlightInstallation(List.of(explicit.toString()), "given path " + explicit))
                    : Optional.empty();
        }
        for (Path candidate : candidates()) {
            if (isExecutable.test(candidate)) {
                return Optional.of(new MoonlightInstallation(List.of(candidate.toString()), candidate.toString()));
            }
        }
        if (isLinux() && flatpakInstalled.test(FLATPAK_ID)) {
            return Optional.of(new MoonlightInstallation(List.of("flatpak", "run", FLATPAK_ID), "flatpak " + FLATPAK_ID));
        }
        return Optional.empty();
    }

    /** What to tell a player who has no Moonlight, for this OS. */
    public String installHint() {
        if (isWindows()) {
            return "Moonlight is not installed. Get it from https://moonlight-stream.org (Windows installer), "
                    + "or run: winget install MoonlightGameStreamingProject.Moonlight";
        }
        if (isMac()) {
            return "Moonlight is not installed. Get it from https://moonlight-stream.org (macOS .dmg), "
                    + "or run: brew install --cask moonlight";
        }
        return "Moonlight is not installed. Install it with: flatpak install flathub " + FLATPAK_ID
                + " (or your distribution's moonlight-qt package), then try again.";
    }

    private List<Path> candidates() {
        List<Path> paths = new ArrayList<>();
        String binary = isWindows() ? "Moonlight.exe" : isMac() ? "Moonlight" : "moonlight";
        String path = env.apply("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    paths.add(Path.of(dir, binary));
                    if (!isWindows() && !isMac()) {
                        paths.add(Path.of(dir, "moonlight-qt"));
                    }
                }
            }
        }
        if (isWindows()) {
            for (String var : new String[] {"ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"}) {
                String base = env.apply(var);
                if (base != null) {
                    paths.add(Path.of(base, "Moonlight Game Streaming", "Moonlight.exe"));
                }
            }
        } else if (isMac()) {
            paths.add(Path.of("/Applications/Moonlight.app/Contents/MacOS/Moonlight"));
            String home = env.apply("HOME");
            if (home != null) {
                paths.add(Path.of(home, "Applications/Moonlight.app/Contents/MacOS/Moonlight"));
            }
        } else {
            String home = env.apply("HOME");
            if (home != null) {
                paths.add(Path.of(home, ".local/share/flatpak/exports/bin", FLATPAK_ID));
            }
            paths.add(Path.of("/var/lib/flatpak/exports/bin", FLATPAK_ID));
            paths.add(Path.of("/snap/bin/moonlight"));
        }
        return paths;
    }

    private boolean isWindows() {
        return osName.contains("win");
    }

    private boolean isMac() {
        return osName.contains("mac") || osName.contains("darwin");
    }

    private boolean isLinux() {
        return !isWindows() && !isMac();
    }

    private static boolean flatpakHas(String id) {
        try {
            Process process = new ProcessBuilder("flatpak", "info", id).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
