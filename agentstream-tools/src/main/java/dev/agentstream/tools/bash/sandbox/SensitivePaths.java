package dev.agentstream.tools.bash.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Credential files and sockets the sandboxed shell never sees, unless the user's own rules add more. */
public final class SensitivePaths {

    /** Relative to each home folder: keys, cloud and registry credentials, agentstream's own API key. */
    static final List<String> IN_HOME = List.of(".ssh", ".aws", ".config/gcloud", ".netrc", ".agentstream/config.json",
            ".gnupg", ".git-credentials", ".docker/config.json", ".kube", ".config/gh");

    /** The Docker daemon's socket would hand out root on the host to anyone who can connect to it. */
    static final List<String> SYSTEM = List.of("/run/docker.sock", "/var/run/docker.sock");

    private SensitivePaths() {}

    /**
     * The defaults for this JVM's home and the shell's HOME (when it differs), agentstream's config under
     * AGENTSTREAM_HOME, and {@code extra}.
     */
    public static List<Path> of(Map<String, String> shellEnvironment, List<Path> extra) {
        Set<Path> homes = new LinkedHashSet<>();
        homes.add(Path.of(System.getProperty("user.home")));
        String shellHome = shellEnvironment.get("HOME");
        if (shellHome != null && !shellHome.isBlank()) homes.add(Path.of(shellHome));
        List<Path> paths = new ArrayList<>();
        for (Path home : homes) {
            for (String relative : IN_HOME) paths.add(home.resolve(relative));
        }
        for (String agentstreamHome : new String[] {System.getenv("AGENTSTREAM_HOME"), shellEnvironment.get("AGENTSTREAM_HOME")}) {
            if (agentstreamHome != null && !agentstreamHome.isBlank()) paths.add(Path.of(agentstreamHome, "config.json"));
        }
        SYSTEM.forEach(p -> paths.add(Path.of(p)));
        paths.addAll(extra);
        return paths.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    }
}
