package network.shaga.app.host;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Detects the hardware a host advertises: GPU, CPU model and memory. Every probe is best effort and bounded in time. */
public final class HardwareProbe {
    private static final long COMMAND_TIMEOUT_SECONDS = 5;

    private HardwareProbe() {
    }

    /** What was detected; empty strings where nothing could be found. */
    public record Hardware(String gpu, String cpu, int ramGb) {
    }

    public static Hardware detect() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return new Hardware(gpu(os).orElse(""), cpu(os).orElse(""), ramGb());
    }

    static Optional<String> cpu(String os) {
        if (os.contains("win")) {
            return Optional.ofNullable(System.getenv("PROCESSOR_IDENTIFIER")).map(String::strip);
        }
        if (os.contains("mac")) {
            return run(List.of("sysctl", "-n", "machdep.cpu.brand_string")).map(String::strip).filter(s -> !s.isEmpty());
        }
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<String> gpu(String os) {
        if (os.contains("win")) {
            return run(List.of("powershell", "-NoProfile", "-Command", "(Get-CimInstance Win32_VideoController).Name"))
                    .flatMap(out -> out.lines().map(String::strip).filter(s -> !s.isEmpty()).findFirst());
        }
        if (os.contains("mac")) {
            return run(List.of("system_profiler", "SPDisplaysDataType")).flatMap(out -> out.lines()
                    .map(String::strip).filter(line -> line.startsWith("Chipset Model:"))
                    .map(line -> line.substring("Chipset Model:".length()).strip()).findFirst());
        }
        return run(List.of("lspci")).flatMap(HardwareProbe::gpuFromLspci);
    }

    /** The most capable display adapter in {@code lspci} output: a discrete card over an integrated one. */
    static Optional<String> gpuFromLspci(String output) {
        List<String> adapters = output.lines()
                .filter(line -> line.contains("VGA compatible controller") || line.contains("3D controller") || line.contains("Display controller"))
                .map(line -> line.substring(line.indexOf(": ") + 2).replaceAll("\\s*\\(rev [0-9a-f]+\\)$", "").strip())
                .toList();
        return adapters.stream().filter(name -> name.matches("(?i).*(nvidia|radeon|advanced micro devices|arc).*")).findFirst()
                .or(() -> adapters.stream().findFirst());
    }

    static int ramGb() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return (int) Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
        }
        return 0;
    }

    private static Optional<String> run(List<String> command) {
        Path output = null;
        try {
            output = Files.createTempFile("shaga-probe", ".txt");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(Files.readString(output, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }
}
