package dev.agentstream.cli;

import dev.agentstream.tools.computer.DisplaySize;
import dev.agentstream.tools.computer.DisplayUnavailableException;
import dev.agentstream.tools.computer.VirtualDisplay;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agentstream display}: a virtual desktop (Xvfb) that lives until Ctrl-C, for tools to drive. */
@Command(name = "display", mixinStandardHelpOptions = true,
        description = "Start a virtual X display (Xvfb) and keep it running until Ctrl-C.")
final class DisplayCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--size", paramLabel = "WxH[xDEPTH]", description = "Screen size (default ${DEFAULT-VALUE}).")
    String size = DisplaySize.DEFAULT.toString();

    @Override
    public Integer call() throws Exception {
        DisplaySize displaySize;
        try {
            displaySize = DisplaySize.parse(size);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        VirtualDisplay display;
        try {
            display = VirtualDisplay.start(displaySize);
        } catch (DisplayUnavailableException e) {
            System.err.println("agentstream: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(display::close, "agentstream-display-stop"));
        System.out.println("Virtual display " + display.name() + " (" + display.size() + ") is running.");
        System.out.println("Point tools at it:  export DISPLAY=" + display.name());
        System.out.println("Watch it:           xwd -root -display " + display.name() + " | convert xwd:- screen.png");
        System.out.println("Press Ctrl-C to stop it.");
        System.out.flush();
        display.onExit().join();
        System.err.println("agentstream: the display " + display.name() + " stopped.");
        return 1;
    }
}
