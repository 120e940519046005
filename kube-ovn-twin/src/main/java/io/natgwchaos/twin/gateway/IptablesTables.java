package io.natgwchaos.twin.gateway;

import io.natgwchaos.gateway.ExecResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tables one iptables backend holds in one network namespace, and the {@code iptables} and
 * {@code iptables-save} command lines run against them. A table exists once a command touched it
 * (the kernel instantiates it on first use). Not thread-safe: the namespace serialises commands.
 */
final class IptablesTables {
  private static final Set<String> COMMANDS = Set.of("-A", "--append", "-I", "--insert", "-D", "--delete", "-C",
      "--check", "-N", "--new-chain", "-X", "--delete-chain", "-F", "--flush", "-S", "--list-rules", "-P",
      "--policy", "-L", "--list", "-Z", "--zero", "-E", "--rename-chain");
  private static final String BAD_RULE = "iptables: Bad rule (does a matching rule exist in that chain?).\n";
  private static final String NO_CHAIN = "iptables: No chain/target/match by that name.\n";

  private final IptablesBackend backend;
  private final Map<String, IptablesTable> tables = new LinkedHashMap<>();

  IptablesTables(IptablesBackend backend) {
    this.backend = backend;
  }

  boolean anyTable() {
    return !tables.isEmpty();
  }

  /** The table, created on first use. */
  IptablesTable table(String name) {
    return tables.computeIfAbsent(name, IptablesTable::empty);
  }

  Optional<IptablesTable> existing(String name) {
    return Optional.ofNullable(tables.get(name));
  }

  /** Runs {@code iptables <args>}. */
  ExecResult iptables(List<String> args) {
    try {
      return run(args);
    } catch (IptablesUsageException e) {
      return usage(e.getMessage());
    }
  }

  private ExecResult run(List<String> args) throws IptablesUsageException {
    String tableName = "filter";
    int i = 0;
    while (i < args.size() && !COMMANDS.contains(args.get(i))) {
      String option = args.get(i);
      if (option.equals("-V") || option.equals("--version")) {
        return ok(backend.versionLine() + "\n");
      } else if (option.equals("-t") || option.equals("--table")) {
        if (i + 1 >= args.size()) {
          throw new IptablesUsageException("option \"" + option + "\" requires an argument");
        }
        tableName = args.get(i + 1);
        i += 2;
      } else if (option.equals("-w") || option.equals("--wait")) {
        i += i + 1 < args.size() && args.get(i + 1).matches("\\d+") ? 2 : 1;
      } else if (option.startsWith("-")) {
        throw new IptablesUsageException("unknown option \"" + option + "\"");
      } else {
        throw new IptablesUsageException("Bad argument `" + option + "'");
      }
    }
    if (i >= args.size()) {
      throw new IptablesUsageException("no command specified");
    }
    if (!IptablesTable.exists(tableName)) {
      return new ExecResult(3, "", backend.versionLine() + ": can't initialize iptables table `" + tableName
          + "': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.\n");
    }
    String command = args.get(i);
    List<String> rest = args.subList(i + 1, args.size());
    for (String other : rest) {
      if (COMMANDS.contains(other)) {
        throw new IptablesUsageException("Can't use " + shortForm(other) + " with " + shortForm(command));
      }
    }
    IptablesTable table = table(tableName);
    return switch (shortForm(command)) {
      case "-N" -> newChain(table, chainArgument(rest, command));
      case "-A" -> append(table, chainArgument(rest, command), rest.subList(1, rest.size()));
      case "-I" -> insert(table, chainArgument(rest, command), rest.subList(1, rest.size()));
      case "-D" -> delete(table, chainArgument(rest, command), rest.subList(1, rest.size()));
      case "-C" -> check(table, chainArgument(rest, command), rest.subList(1, rest.size()));
      case "-S" -> listRules(table, rest);
      case "-F" -> flush(table, rest);
      case "-X" -> deleteChain(table, rest);
      default -> throw new IptablesUsageException("command " + command + " is not modelled by the twin");
    };
  }

  private static String shortForm(String command) {
    return switch (command) {
      case "--append" -> "-A";
      case "--insert" -> "-I";
      case "--delete" -> "-D";
      case "--check" -> "-C";
      case "--new-chain" -> "-N";
      case "--delete-chain" -> "-X";
      case "--flush" -> "-F";
      case "--list-rules" -> "-S";
      case "--policy" -> "-P";
      case "--list" -> "-L";
      case "--zero" -> "-Z";
      case "--rename-chain" -> "-E";
      default -> command;
    };
  }

  private static String chainArgument(List<String> rest, String command) throws IptablesUsageException {
    if (rest.isEmpty() || rest.get(0).startsWith("-")) {
      throw new IptablesUsageException("option \"" + command + "\" requires an argument");
    }
    return rest.get(0);
  }

  private ExecResult newChain(IptablesTable table, String chain) {
    return table.newChain(chain) ? ok("") : fail(1, "iptables: Chain already exists.\n");
  }

  private ExecResult append(IptablesTable table, String chain, List<String> ruleArgs) throws IptablesUsageException {
    RuleSpec rule = RuleSpec.parse(ruleArgs);
    ExecResult invalid = validate(table, chain, rule);
    if (invalid != null) {
      return invalid;
    }
    table.rules(chain).add(rule.text());
    return ok("");
  }

  private ExecResult insert(IptablesTable table, String chain, List<String> ruleArgs) throws IptablesUsageException {
    int position = 1;
    if (!ruleArgs.isEmpty() && ruleArgs.get(0).matches("\\d+")) {
      position = Integer.parseInt(ruleArgs.get(0));
      ruleArgs = ruleArgs.subList(1, ruleArgs.size());
      if (position < 1) {
        throw new IptablesUsageException("Invalid rule number `" + position + "'");
      }
    }
    RuleSpec rule = RuleSpec.parse(ruleArgs);
    ExecResult invalid = validate(table, chain, rule);
    if (invalid != null) {
      return invalid;
    }
    List<String> rules = table.rules(chain);
    if (position > rules.size() + 1) {
      return fail(1, "iptables: Index of insertion too big.\n");
    }
    rules.add(position - 1, rule.text());
    return ok("");
  }

  private ExecResult delete(IptablesTable table, String chain, List<String> ruleArgs) throws IptablesUsageException {
    List<String> rules = table.rules(chain);
    if (ruleArgs.size() == 1 && ruleArgs.get(0).matches("\\d+")) {
      int number = Integer.parseInt(ruleArgs.get(0));
      if (rules == null) {
        return fail(1, NO_CHAIN);
      }
      if (number < 1 || number > rules.size()) {
        return fail(1, "iptables: Index of deletion too big.\n");
      }
      rules.remove(number - 1);
      return ok("");
    }
    RuleSpec rule = RuleSpec.parse(ruleArgs);
    ExecResult invalid = validate(table, chain, rule);
    if (invalid != null) {
      return invalid;
    }
    return rules.remove(rule.text()) ? ok("") : fail(1, BAD_RULE);
  }

  private ExecResult check(IptablesTable table, String chain, List<String> ruleArgs) throws IptablesUsageException {
    RuleSpec rule = RuleSpec.parse(ruleArgs);
    ExecResult invalid = validate(table, chain, rule);
    if (invalid != null) {
      return invalid;
    }
    return table.rules(chain).contains(rule.text()) ? ok("") : fail(1, BAD_RULE);
  }

  /** A chain or jump target that does not exist fails the way iptables reports it. */
  private ExecResult validate(IptablesTable table, String chain, RuleSpec rule) {
    if (!table.hasChain(chain)) {
      return fail(1, NO_CHAIN);
    }
    if (!table.canJumpTo(rule.target())) {
      return fail(2, backend.versionLine() + ": Couldn't load target `" + rule.target()
          + "':No such file or directory\n\nTry `iptables -h' or 'iptables --help' for more information.\n");
    }
    return null;
  }

  private ExecResult listRules(IptablesTable table, List<String> rest) throws IptablesUsageException {
    StringBuilder out = new StringBuilder();
    if (rest.isEmpty()) {
      for (String chain : table.chains()) {
        appendChainHeader(out, table, chain);
      }
      for (String chain : table.chains()) {
        appendRules(out, chain, table.rules(chain));
      }
      return ok(out.toString());
    }
    String chain = rest.get(0);
    List<String> rules = table.rules(chain);
    if (rules == null) {
      return fail(1, NO_CHAIN);
    }
    if (rest.size() > 1) {
      int number;
      try {
        number = Integer.parseInt(rest.get(1));
      } catch (NumberFormatException e) {
        throw new IptablesUsageException("Invalid rule number `" + rest.get(1) + "'");
      }
      // a rule number past the end prints nothing and succeeds: the script's legacy probe relies on it
      if (number >= 1 && number <= rules.size()) {
        appendRules(out, chain, List.of(rules.get(number - 1)));
      }
      return ok(out.toString());
    }
    appendChainHeader(out, table, chain);
    appendRules(out, chain, rules);
    return ok(out.toString());
  }

  private static void appendChainHeader(StringBuilder out, IptablesTable table, String chain) {
    out.append(table.isBuiltin(chain) ? "-P " + chain + " ACCEPT\n" : "-N " + chain + "\n");
  }

  private static void appendRules(StringBuilder out, String chain, List<String> rules) {
    for (String rule : rules) {
      out.append("-A ").append(chain).append(rule.isEmpty() ? "" : " " + rule).append('\n');
    }
  }

  private ExecResult flush(IptablesTable table, List<String> rest) {
    if (rest.isEmpty()) {
      table.chains().forEach(chain -> table.rules(chain).clear());
      return ok("");
    }
    List<String> rules = table.rules(rest.get(0));
    if (rules == null) {
      return fail(1, NO_CHAIN);
    }
    rules.clear();
    return ok("");
  }

  private ExecResult deleteChain(IptablesTable table, List<String> rest) {
    if (rest.isEmpty() || table.isBuiltin(rest.get(0)) || table.rules(rest.get(0)) == null) {
      return fail(1, NO_CHAIN);
    }
    String chain = rest.get(0);
    if (!table.rules(chain).isEmpty()) {
      return fail(1, "iptables: Directory not empty.\n");
    }
    for (String other : table.chains()) {
      for (String rule : table.rules(other)) {
        if (rule.endsWith("-j " + chain) || rule.contains("-j " + chain + " ")) {
          return fail(1, "iptables: Too many links.\n");
        }
      }
    }
    table.removeChain(chain);
    return ok("");
  }

  /**
   * {@code iptables-save [-t table]}: the named table (instantiated if needed), or every table in use,
   * each between its own header and footer.
   */
  String save(Optional<String> tableName, String date) {
    StringBuilder out = new StringBuilder();
    List<IptablesTable> selected = tableName.map(name -> List.of(table(name)))
        .orElseGet(() -> List.copyOf(tables.values()));
    for (IptablesTable table : selected) {
      out.append("# Generated by ").append(backend.saveProgram()).append(" on ").append(date).append('\n');
      table.appendSave(out);
      out.append("# Completed on ").append(date).append('\n');
    }
    return out.toString();
  }

  private ExecResult usage(String message) {
    return fail(2, backend.versionLine() + ": " + message
        + "\nTry `iptables -h' or 'iptables --help' for more information.\n");
  }

  private static ExecResult ok(String stdout) {
    return new ExecResult(0, stdout, "");
  }

  private static ExecResult fail(int code, String stderr) {
    return new ExecResult(code, "", stderr);
  }
}
