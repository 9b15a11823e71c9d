package dev.mlops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.MlopsException;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretTest {
  @TempDir
  Path dir;

  private final Map<String, String> env = new HashMap<>();

  /** The message of {@code e} and of every cause, so that a test can say none of them shows a secret. */
  static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t).append('\n');
    }
    return all.toString();
  }

  @Test
  void anEnvironmentSecretIsReadWhenRevealedNotWhenMade() {
    Secret s = Secret.env("PGPASSWORD", env::get);
    env.put("PGPASSWORD", "hunter2");
    assertEquals("hunter2", s.reveal());
    env.put("PGPASSWORD", "rotated");
    assertEquals("rotated", s.reveal(), "each reveal reads the environment again");
    assertFalse(s.isLiteral());
  }

  @Test
  void aMissingEnvironmentVariableIsAnErrorNamingItAndTheFix() {
    ValidationException e = assertThrows(ValidationException.class, () -> Secret.env("WAREHOUSE_PASSWORD",
        env::get).reveal());
    assertTrue(e.getMessage().contains("environment variable WAREHOUSE_PASSWORD is not set"), e.getMessage());
    assertTrue(e.getMessage().contains("export it") && e.getMessage().contains("${file:/path}"), e.getMessage());
  }

  @Test
  void anEnvironmentSecretNeedsAVariableName() {
    for (String blank : new String[] {null, "", "  "}) {
      ValidationException e = assertThrows(ValidationException.class, () -> Secret.env(blank, env::get));
      assertTrue(e.getMessage().contains("environment variable name is empty"), e.getMessage());
      assertTrue(e.getMessage().contains("Secret.env(\"PGPASSWORD\")"), e.getMessage());
    }
  }

  @Test
  void aFileSecretIsTheContentWithoutOneTrailingLineBreak() throws IOException {
    Path f = dir.resolve("pg");
    Secret s = Secret.file(f);
    Map<String, String> expected = Map.of("hunter2\n", "hunter2", "hunter2\r\n", "hunter2", "hunter2", "hunter2",
        "hunter2\n\n", "hunter2\n", " hunter2 ", " hunter2 ", "pässwörd\n", "pässwörd", "\n", "");
    for (Map.Entry<String, String> c : expected.entrySet()) {
      Files.writeString(f, c.getKey(), StandardCharsets.UTF_8);
      assertEquals(c.getValue(), s.reveal(), "for content '" + c.getKey().replace("\n", "\\n") + "'");
    }
    assertFalse(s.isLiteral());
  }

  @Test
  void aMissingSecretFileIsAnErrorNamingIt() {
    Path missing = dir.resolve("run/secrets/warehouse");
    ValidationException e = assertThrows(ValidationException.class, () -> Secret.file(missing).reveal());
    assertTrue(e.getMessage().contains("secret file " + missing.toAbsolutePath() + " does not exist"), e.getMessage());
    assertTrue(e.getMessage().contains("create it or fix the path"), e.getMessage());
    assertInstanceOf(NoSuchFileException.class, e.getCause());
  }

  @Test
  void anUnreadableSecretFileIsAStorageErrorNamingIt() {
    StorageException e = assertThrows(StorageException.class, () -> Secret.file(dir).reveal());
    assertTrue(e.getMessage().contains("cannot read secret file " + dir.toAbsolutePath()), e.getMessage());
    assertInstanceOf(IOException.class, e.getCause());
  }

  @Test
  void aLiteralIsItsValue() {
    Secret s = Secret.literal("hunter2");
    assertTrue(s.isLiteral());
    assertEquals("hunter2", s.reveal());
    assertThrows(NullPointerException.class, () -> Secret.literal(null));
  }

  @Test
  void parseReadsEnvironmentAndFileReferences() {
    env.put("PGPASSWORD", "hunter2");
    Secret fromEnv = Secret.parse("${env:PGPASSWORD}", env::get);
    assertEquals(Secret.env("PGPASSWORD"), fromEnv);
    assertEquals("hunter2", fromEnv.reveal());
    assertEquals(Secret.env("PGPASSWORD"), Secret.parse("  ${env:PGPASSWORD}\n", env::get), "blanks around ignored");
    assertEquals(Secret.file(Path.of("/run/secrets/pg")), Secret.parse("${file:/run/secrets/pg}", env::get));
    assertEquals("Secret[file:/run/secrets/pg]", Secret.parse("${file:/run/secrets/pg}").toString());
  }

  @Test
  void parseReadsAFileReferenceWhenRevealed() throws IOException {
    Path f = Files.writeString(dir.resolve("crm"), "s3cret\n");
    Secret s = Secret.parse("${file:" + f + "}", env::get);
    assertEquals("s3cret", s.reveal());
  }

  @Test
  void parseTakesAnythingElseAsALiteral() {
    for (String text : new String[] {"hunter2", "pa$$word", "$env:X", "{env:X}", "x${env:X}", " spaced "}) {
      Secret s = Secret.parse(text, env::get);
      assertTrue(s.isLiteral(), text);
      assertEquals(text, s.reveal(), "a literal is kept as written");
    }
  }

  @Test
  void parseRefusesAReferenceItDoesNotReadWithoutEchoingIt() {
    for (String text : new String[] {"${vault:db/hunter2}", "${hunter2}", "${env:}", "${file:}", "${ENV:HUNTER2}",
        " ${hunter2", "${env:X"}) {
      ValidationException e = assertThrows(ValidationException.class, () -> Secret.parse(text, env::get), text);
      assertTrue(e.getMessage().contains("neither ${env:NAME} nor ${file:/path}"), e.getMessage());
      assertFalse(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("hunter2"), e.getMessage());
    }
  }

  @Test
  void toStringShowsWhereTheValueComesFromNeverTheValue() {
    env.put("PGPASSWORD", "hunter2");
    assertEquals("Secret[env:PGPASSWORD]", Secret.env("PGPASSWORD", env::get).toString());
    assertEquals("Secret[literal, hidden]", Secret.literal("hunter2").toString());
    assertEquals("Secret[literal, hidden]", Secret.parse("hunter2").toString());
    Path f = dir.resolve("pg");
    assertEquals("Secret[file:" + f.toAbsolutePath().normalize() + "]", Secret.file(f).toString());
  }

  @Test
  void noFailureShowsTheValue() throws IOException {
    env.put("SET", "hunter2");
    Files.writeString(dir.resolve("pg"), "hunter2\n");
    Secret[] failing = {Secret.env("UNSET", env::get), Secret.file(dir.resolve("pg.missing")), Secret.file(dir)};
    for (Secret s : failing) {
      MlopsException e = assertThrows(MlopsException.class, s::reveal);
      assertFalse(messages(e).contains("hunter2"), messages(e));
    }
  }

  @Test
  void equalWhenTheyNameTheSamePlace() {
    assertEquals(Secret.env("A"), Secret.env("A", env::get));
    assertEquals(Secret.env("A").hashCode(), Secret.env("A", env::get).hashCode());
    assertNotEquals(Secret.env("A"), Secret.env("B"));
    assertEquals(Secret.file(Path.of("/run/x")), Secret.file(Path.of("/run/./y/../x")));
    assertNotEquals(Secret.file(Path.of("/run/A")), Secret.env("/run/A"));
    assertEquals(Secret.literal("p"), Secret.literal("p"));
    assertNotEquals(Secret.literal("p"), Secret.literal("q"));
    assertNotEquals(Secret.literal("A"), Secret.env("A"));
  }
}
