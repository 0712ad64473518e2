package io.orcagent.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigErrorsTest {

    @TempDir
    Path dir;

    private Path file;

    private List<String> problemsOf(String text) throws IOException {
        file = ConfigFiles.write(dir, text);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
        assertThat(e).as("the file must be refused").isNotNull();
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
        return e.problems();
    }

    private String line(String key, String sentence) {
        return file + ": " + key + ": " + sentence;
    }

    @Test
    void aMissingFileIsReportedWithItsPath() {
        Path missing = dir.resolve("nope.conf");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(missing));

        assertThat(e.getMessage()).isEqualTo(missing + ": the configuration file does not exist");
    }

    @Test
    void aDirectoryIsReportedAsUnreadable() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(dir));

        assertThat(e.getMessage()).isEqualTo(dir + ": the configuration file cannot be read: it is a directory");
    }

    @Test
    void aFileThatIsNotUtf8IsReported() throws IOException {
        Path latin1 = dir.resolve("latin1.conf");
        Files.write(latin1, new byte[] {'#', ' ', (byte) 0xE9, '\n'});

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(latin1));

        assertThat(e.getMessage()).isEqualTo(latin1 + ": the configuration file is not valid UTF-8 text");
    }

    @Test
    void aWrongTypeNamesTheKeyAndTheValue() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.requiredWith("common", "port = \"abc\""));

        assertThat(problems).containsExactly(
                line("common.port", "must be an integer between 1 and 65535 (got \"abc\")"));
    }

    @Test
    void everyProblemIsReportedTogetherNotJustTheFirst() throws IOException {
        List<String> problems = problemsOf("""
                [common]
                use-ssl = "yes"
                poll-interval = "0s"
                [logging]
                level = "verbose"
                """);

        assertThat(problems).containsExactly(
                line("common.poll-interval", "must be longer than zero (got \"0s\")"),
                line("common.use-ssl", "must be true or false (got \"yes\")"),
                line("common.backup-dir", "is required, e.g. backup-dir = \"/var/lib/orchestrator-agent/backup\""),
                line("orchestrator.url", "is required, e.g. url = \"http://orchestrator.example.com\" or, for"
                        + " several orchestrator nodes, url = [\"http://orc1.example.com\","
                        + " \"http://orc2.example.com\"]"),
                line("logging.level", "must be debug, info, warn or error (got \"verbose\")"),
                line("mysql.user", "is required, e.g. user = \"orchestrator-agent\""),
                line("mysql.password", "is required"));
    }

    @Test
    void emptyRequiredValuesAreRefused() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.REQUIRED
                .replace("user = \"agent\"", "user = \"\"")
                .replace("password = \"s3cret-pw\"", "password = \"\""));

        assertThat(problems).containsExactly(
                line("mysql.user", "must not be empty, e.g. user = \"orchestrator-agent\""),
                line("mysql.password", "must not be empty"));
    }

    @Test
    void unknownKeysInCoreSectionsAreReportedWithTheClosestKnownKey() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.requiredWith("common", """
                pol-interval = "1m"
                frobnicate = true
                """));

        assertThat(problems).containsExactly(
                line("common.frobnicate", "unknown key"),
                line("common.pol-interval", "unknown key (did you mean \"poll-interval\"?)"));
    }

    @Test
    void unknownKeysInEveryCoreSectionAreReported() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.REQUIRED + """
                [logging]
                colour = true
                [custom-commands.hello]
                cmd = "echo hello"
                timeout = "1m"
                """);

        assertThat(problems).containsExactly(
                line("logging.colour", "unknown key"),
                line("custom-commands.hello.timeout", "unknown key"));
    }

    @Test
    void zeroOrNegativeIntervalsAreRefusedBecauseGoWouldBlockForever() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.requiredWith("common", """
                resubmit-agent-interval = 0
                http-timeout = "-5s"
                """));

        assertThat(problems).containsExactly(
                line("common.resubmit-agent-interval", "must be longer than zero (got 0)"),
                line("common.http-timeout", "must be longer than zero (got \"-5s\")"));
    }

    @Test
    void httpConnectionLimitsMustBeUsable() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.requiredWith("common", """
                http-max-connections = -1
                http-request-head-timeout = "0s"
                http-idle-timeout = "soon"
                """));

        assertThat(problems).containsExactly(
                line("common.http-max-connections", "must be an integer between 0 and 1000000 (got -1)"),
                line("common.http-request-head-timeout", "must be longer than zero (got \"0s\")"),
                line("common.http-idle-timeout", "must be a duration such as \"90s\", \"1m30s\", \"1.5h\" or a number of"
                        + " seconds (got \"soon\")"));
    }

    @Test
    void aValueThatIsNotADurationIsRefused() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.requiredWith("common", "poll-interval = \"1 minute\""));

        assertThat(problems).containsExactly(line("common.poll-interval",
                "must be a duration such as \"90s\", \"1m30s\", \"1.5h\" or a number of seconds (got \"1 minute\")"));
    }

    @Test
    void relativePathsAreRefused() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.REQUIRED.replace("\"/var/backup\"", "\"backup\""));

        assertThat(problems).containsExactly(line("common.backup-dir", "must be an absolute path (got \"backup\")"));
    }

    @Test
    void sslNeedsItsCertificateAndKey() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.requiredWith("common", "use-ssl = true"));

        assertThat(problems).containsExactly(
                line("common.ssl-cert-file", "is required when use-ssl is true"),
                line("common.ssl-private-key-file", "is required when use-ssl is true"));
    }

    @Test
    void mutualTlsNeedsACaFile() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.requiredWith("common", """
                use-ssl = true
                use-mutual-tls = true
                ssl-cert-file = "/etc/ssl/a.pem"
                ssl-private-key-file = "/etc/ssl/a.key"
                """));

        assertThat(problems).containsExactly(line("common.ssl-ca-file",
                "is required when use-mutual-tls is true (client certificates are checked against it)"));
    }

    @Test
    void transferTlsNeedsTheAgentsCertificateAndKey() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.requiredWith("common", "transfer-use-tls = true"));

        assertThat(problems).containsExactly(
                line("common.ssl-cert-file", "is required when transfer-use-tls is true"),
                line("common.ssl-private-key-file", "is required when transfer-use-tls is true"));
    }

    @Test
    void mutualTransferTlsNeedsACaFile() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.requiredWith("common", """
                transfer-use-tls = true
                transfer-mutual-tls = true
                ssl-cert-file = "/etc/ssl/a.pem"
                ssl-private-key-file = "/etc/ssl/a.key"
                """));

        assertThat(problems).containsExactly(line("common.ssl-ca-file",
                "is required when transfer-mutual-tls is true (the sending agent's certificate is checked against"
                        + " it)"));
    }

    @Test
    void mutualTransferTlsNeedsTransferTls() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.requiredWith("common", """
                transfer-mutual-tls = true
                ssl-cert-file = "/etc/ssl/a.pem"
                ssl-private-key-file = "/etc/ssl/a.key"
                ssl-ca-file = "/etc/ssl/ca.pem"
                """));

        assertThat(problems).containsExactly(line("common.transfer-mutual-tls",
                "needs transfer-use-tls = true (mutual TLS is TLS with a certificate on both sides)"));
    }

    @Test
    void anUnknownApiFlavourIsRefused() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.requiredWith("orchestrator", "api = \"v2\""));

        assertThat(problems).containsExactly(
                line("orchestrator.api", "must be \"auto\", \"seed\" or \"legacy\" (got \"v2\")"));
    }

    @Test
    void aBadBandwidthLimitIsRefused() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.requiredWith("common", "transfer-bandwidth-limit = \"fast\""));

        assertThat(problems).containsExactly(line("common.transfer-bandwidth-limit", "must be an amount of bytes such"
                + " as \"0\" (unlimited), \"512KiB\", \"100MiB\" or \"1GB\" (got \"fast\")"));
    }

    @Test
    void anInvalidCustomCommandNameIsRefused() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.REQUIRED + """
                [custom-commands."rm -rf"]
                cmd = "true"
                """);

        assertThat(problems).containsExactly(line("custom-commands.rm -rf",
                "is not a valid command name: use 1 to 64 letters, digits, '.', '_' or '-'"));
    }

    @Test
    void aCustomCommandWithoutCmdIsRefused() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.REQUIRED + """
                [custom-commands.hello]
                command = "echo hello"
                """);

        assertThat(problems).containsExactly(
                line("custom-commands.hello.cmd", "is required, e.g. cmd = \"/usr/local/bin/hello\""),
                line("custom-commands.hello.command", "unknown key"));
    }

    @Test
    void aCustomCommandMustBeATable() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.REQUIRED + """
                [custom-commands]
                hello = "echo hello"
                """);

        assertThat(problems).containsExactly(line("custom-commands.hello",
                "must be a table holding cmd, e.g. [custom-commands.hello] followed by cmd = \"...\""));
    }

    @Test
    void aValueOutsideAnySectionIsRefused() throws IOException {
        List<String> problems = problemsOf("port = 3002\n" + ConfigFiles.REQUIRED);

        assertThat(problems).containsExactly(
                line("port", "must be a section such as [port], not a value outside any section"));
    }

    @Test
    void aPasswordOfTheWrongTypeIsNotEchoed() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.REQUIRED.replace("\"s3cret-pw\"", "918273645"));

        assertThat(problems).containsExactly(line("mysql.password", "must be a string (got an integer)"));
    }

    @Test
    void syntaxErrorsNameTheLineAndTheKeyButNeverTheValue() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.REQUIRED.replace("\"s3cret-pw\"", "s3cret pw"));

        assertThat(problems).containsExactly(line("mysql.password",
                "line 9: invalid value (check quotes, brackets, commas and the spelling of true/false) (TOML syntax)"));
        assertThat(String.join("\n", problems)).doesNotContain("s3cret");
    }

    @Test
    void anUnterminatedStringIsASyntaxError() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.REQUIRED.replace("\"/var/backup\"", "\"/var/backup"));

        assertThat(problems).containsExactly(
                line("common.backup-dir", "line 2: the value is not closed or is followed by other text (check the"
                        + " quotes; comments start with #) (TOML syntax)"));
    }

    @Test
    void aKeyWithoutAValueIsASyntaxError() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.requiredWith("common", "port =   # to do"));

        assertThat(problems).containsExactly(line("common.port", "line 2: a value is missing after '='"));
    }

    @Test
    void anUnclosedArrayIsASyntaxError() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.requiredWith("common", "ssl-valid-ous = [\"dba\""));

        assertThat(problems).containsExactly(
                line("common.ssl-valid-ous", "line 2: a quote or bracket is not closed (TOML syntax)"));
    }

    @Test
    void anArrayMixingTypesIsASyntaxError() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.requiredWith("common", "ssl-valid-ous = [\"dba\", 1]"));

        assertThat(problems).containsExactly(
                line("common.ssl-valid-ous", "line 2: an array must hold values of one type (TOML syntax)"));
    }

    @Test
    void aDuplicateKeyIsASyntaxError() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.requiredWith("common", "port = 1\nport = 2"));

        assertThat(problems).containsExactly(line("common.port", "line 3: the key is set twice (TOML syntax)"));
    }

    @Test
    void aBrokenTableHeaderIsReportedByLine() throws IOException {
        List<String> problems = problemsOf("[common\n" + ConfigFiles.REQUIRED);

        assertThat(problems).containsExactly(file + ": line 1: invalid key or table header (TOML syntax)");
    }

    @Test
    void anIntegerTooLargeForJavaIsReportedByLine() throws IOException {
        List<String> problems = problemsOf(ConfigFiles.requiredWith("common", "port = 99999999999999999999"));

        assertThat(problems).containsExactly(
                line("common.port", "line 2: the integer is too large (the limit is 9223372036854775807)"));
    }

    @Test
    void anArrayNestedThousandsDeepIsRefusedNotAStackOverflow() throws IOException {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        List<String> problems = problemsOf(ConfigFiles.requiredWith("common", "ssl-valid-ous = " + deep));

        assertThat(problems).containsExactly(line("common.ssl-valid-ous",
                "line 2: arrays or inline tables are nested more than 32 deep (TOML syntax)"));
    }

    @Test
    void anInlineTableNestedThousandsDeepIsRefusedNotAStackOverflow() throws IOException {
        String deep = "{a = ".repeat(5000) + "1" + "}".repeat(5000);
        List<String> problems = problemsOf(ConfigFiles.requiredWith("common", "x = " + deep));

        assertThat(problems).containsExactly(line("common.x",
                "line 2: arrays or inline tables are nested more than 32 deep (TOML syntax)"));
    }

    @Test
    void bracketsInStringsAndCommentsDoNotCountAsNesting() throws IOException {
        String brackets = "[".repeat(100);
        List<String> problems = problemsOf(ConfigFiles.requiredWith("common",
                "ssl-valid-ous = [\"" + brackets + "\", '" + brackets + "', \"\"\"" + brackets + "\"\"\"] # " + brackets
                        + "\nport = [[[[[[[[1]]]]]]]]"));

        assertThat(problems).containsExactly(line("common.port",
                "must be an integer between 1 and 65535 (got [[[[[[[[1]]]]]]]])"));
    }

    @Test
    void aMissingCertificateFileIsAConfigProblemNotAStackTrace() throws IOException {
        Path cert = dir.resolve("missing/agent.pem");
        Path key = dir.resolve("agent.key");
        Files.writeString(key, "key");
        List<String> problems = problemsOf(ConfigFiles.requiredWith("common", String.join("\n",
                "use-ssl = true",
                "ssl-cert-file = \"" + cert + "\"",
                "ssl-private-key-file = \"" + key + "\"",
                "ssl-ca-file = \"" + dir + "\"")));

        assertThat(problems).containsExactly(
                line("common.ssl-cert-file", cert + " does not exist"),
                line("common.ssl-ca-file", dir + " is a directory, not a file"));
    }

    @Test
    void aCertificateFileIsCheckedWheneverItIsSet() throws IOException {
        Path ca = dir.resolve("ca.pem");
        List<String> problems = problemsOf(ConfigFiles.requiredWith("common", "ssl-ca-file = \"" + ca + "\""));

        assertThat(problems).containsExactly(line("common.ssl-ca-file", ca + " does not exist"));
    }

    @Test
    void theServersOptionFileMustExist() throws IOException {
        Path cnf = dir.resolve("instance2.cnf");
        List<String> problems = problemsOf(ConfigFiles.requiredWith("mysql", "defaults-file = \"" + cnf + "\""));

        assertThat(problems).containsExactly(line("mysql.defaults-file", cnf + " does not exist"));
    }

    @Test
    void filesAndDirectoriesTheAgentCreatesMustBeCreatable() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain-file"), "x");
        Path aDirectory = Files.createDirectories(dir.resolve("a-directory"));
        List<String> problems = problemsOf(ConfigFiles.REQUIRED.replace("\"/var/backup\"", "\"" + plain + "/backup\"")
                .replace("[common]", String.join("\n", "[common]",
                        "token-hint-file = \"" + plain + "/sub/token\"",
                        "state-dir = \"" + plain + "\"",
                        "plugins-dir = \"" + dir.resolve("not-yet/plugins") + "\""))
                + "[logging]\nfile = \"" + aDirectory + "\"\n");

        assertThat(problems).containsExactly(
                line("common.token-hint-file", "cannot be created: " + plain + " is not a directory"),
                line("common.backup-dir", "cannot be created: " + plain + " is not a directory"),
                line("common.state-dir", plain + " is not a directory"),
                line("logging.file", aDirectory + " is a directory, not a file"));
    }
}
