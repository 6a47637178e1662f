package dev.torpeddo.backend.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One command's arguments, parsed by hand against a {@link Spec}: {@code --name value}, {@code --name=value},
 * flags, repeatable options and one positional parameter. (picocli did this before; its reflective set-up
 * cost ~0.1 s on every start, measured, which is a twentieth of a 1 GiB loopback download.)
 */
final class Arguments {
    /** An option; {@code label} is null for a flag, and names what a value means otherwise. */
    record Option(String name, String alias, String label, String help) {
        static Option flag(String name, String help) {
            return new Option(name, null, null, help);
        }

        static Option value(String name, String label, String help) {
            return new Option(name, null, label, help);
        }

        boolean takesValue() {
            return label != null;
        }

        boolean matches(String arg) {
            return arg.equals(name) || arg.equals(alias);
        }
    }

    /** A command: its name, what it does, its options, and its one positional parameter. */
    record Spec(String name, List<String> description, String parameter, String parameterHelp, List<Option> options) {
        static final Option HELP = new Option("--help", "-h", null, "Show this help message and exit.");

        /** The help text, as {@code torpeddo COMMAND --help} prints it. */
        String usage() {
            StringBuilder b = new StringBuilder();
            b.append("Usage: torpeddo ")
                    .append(name)
                    .append(" [OPTIONS] ")
                    .append(parameter)
                    .append('\n');
            for (String line : description) b.append(line).append('\n');
            b.append('\n');
            b.append(String.format("  %-26s %s%n", parameter, parameterHelp));
            for (Option o : allOptions()) {
                String names = (o.alias() == null ? "" : o.alias() + ", ")
                        + o.name()
                        + (o.takesValue() ? " " + o.label() : "");
                b.append(String.format("  %-26s %s%n", names, o.help()));
            }
            return b.toString();
        }

        List<Option> allOptions() {
            List<Option> all = new ArrayList<>(options);
            all.add(HELP);
            return all;
        }
    }

    private final Map<String, List<String>> values;
    private final String positional;

    private Arguments(Map<String, List<String>> values, String positional) {
        this.values = values;
        this.positional = positional;
    }

    /**
     * Parses {@code args} (everything after the command's name).
     *
     * @throws UsageException for an unknown option, a missing value or parameter, or a second parameter
     */
    static Arguments parse(Spec spec, String... args) throws UsageException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        String positional = null;
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!optionsEnded && arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                if (positional != null) throw new UsageException("unexpected argument: " + arg);
                positional = arg;
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            Option option = spec.allOptions().stream()
                    .filter(o -> o.matches(name))
                    .findFirst()
                    .orElseThrow(() -> new UsageException("unknown option: " + name));
            String value = null;
            if (option.takesValue()) {
                if (eq >= 0) {
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new UsageException("missing " + option.label() + " after " + option.name());
                }
            } else if (eq >= 0) {
                throw new UsageException(option.name() + " takes no value");
            }
            values.computeIfAbsent(option.name(), k -> new ArrayList<>()).add(value);
        }
        return new Arguments(values, positional);
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    /** The last value given for {@code name}. */
    Optional<String> value(String name) {
        List<String> v = values.get(name);
        return v == null ? Optional.empty() : Optional.of(v.getLast());
    }

    /** Every value given for a repeatable option, in order. */
    List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    Optional<String> positional() {
        return Optional.ofNullable(positional);
    }

    /** The value of {@code name}, which must be there. */
    String required(String name) throws UsageException {
        return value(name).orElseThrow(() -> new UsageException("Missing required option: " + name));
    }

    /** A path value: a usage error, not a crash, when the platform cannot name it. */
    static Path path(String option, String value) throws UsageException {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException(option + " " + value + ": " + e.getReason());
        }
    }

    /** An integer value: a usage error, not a crash, when it is not one. */
    static int integer(String option, String value, int min, int max) throws UsageException {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " " + value + ": not a number");
        }
        if (n < min || n > max) throw new UsageException(option + " " + value + ": out of range " + min + "-" + max);
        return n;
    }
}
