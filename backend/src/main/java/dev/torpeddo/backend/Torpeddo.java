package dev.torpeddo.backend;

import dev.torpeddo.backend.cli.Main;
import dev.torpeddo.backend.rpc.RpcMain;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code torpeddo} program's entry point: {@code torpeddo rpc} serves the JSON-RPC bridge on stdin/stdout,
 * anything else is the command line. The two never meet; this class only picks one.
 */
public final class Torpeddo {
    private Torpeddo() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("rpc")) {
            // stdout belongs to the protocol: everything else that prints (a library, a stray debug line) goes to
            // stderr from here on.
            PrintStream protocol = System.out;
            System.setOut(System.err);
            System.exit(RpcMain.run(Arrays.copyOfRange(args, 1, args.length), System.in, protocol, System.err));
        }
        Main.main(args);
    }
}
