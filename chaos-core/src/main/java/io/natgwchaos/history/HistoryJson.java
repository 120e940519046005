package io.natgwchaos.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON Lines form of a history: one entry per line, {@code "type"} first. Gateway snapshots keep rules
 * as their iptables-save lines and addresses as {@code ip/len [secondary]}, and are re-parsed on read,
 * so a saved history can be re-checked offline. Fields this version does not know are ignored on read.
 */
public final class HistoryJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private HistoryJson() {}

  public static String toLine(HistoryEntry entry) {
    return MAPPER.writerFor(HistoryEntry.class).writeValueAsString(entry);
  }

  public static void write(History history, Writer out) {
    try {
      for (HistoryEntry entry : history.entries()) {
        out.write(toLine(entry));
        out.write('\n');
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(History history, Path file) {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(history, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write history to " + file, e);
    }
  }

  /**
   * Reads JSON Lines; blank lines are skipped.
   *
   * @throws IllegalArgumentException naming the line that is not a valid entry
   */
  public static History read(Reader in) {
    List<HistoryEntry> entries = new ArrayList<>();
    BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in);
    int lineNumber = 0;
    try {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          entries.add(MAPPER.readValue(line, HistoryEntry.class));
        } catch (JacksonException | IllegalArgumentException e) {
          throw new IllegalArgumentException("history line " + lineNumber + " is not a valid entry: "
              + firstLine(e.getMessage()), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new History(entries);
  }

  public static History read(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read history " + file, e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
