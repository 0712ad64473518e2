package io.orcagent.runtime.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.orcagent.runtime.http.ErrorEnvelope;

class GoJsonTest {

    @Test
    void agentDataIsWrittenInGoFieldOrderWithSortedMapsAndTheWireMisspellings() {
        Map<String, MySQLDatabase> dbs = new TreeMap<>(Map.of("zeta", new MySQLDatabase(List.of("InnoDB"), 5),
                "alpha", new MySQLDatabase(null, 0)));
        AgentData data = new AgentData(List.of(), List.of(), List.of(), WireMount.NONE, "/backup", 10, 20, true,
                "/var/lib/mysql/", 30, 40, dbs,
                Map.of("Mysqldump", new MethodOpts("Target", List.of("InnoDB"), false)), null, 2, 1024, "Debian");

        assertThat(GoJson.string(data)).isEqualTo("{\"LocalSnapshotsHosts\":[],\"SnaphostHosts\":[],"
                + "\"LogicalVolumes\":[],\"MountPoint\":{\"Path\":\"\",\"Device\":\"\",\"LVPath\":\"\","
                + "\"FileSystem\":\"\",\"IsMounted\":false,\"DiskUsage\":0},\"BackupDir\":\"/backup\","
                + "\"BackupDirDiskFree\":10,\"BackupDirDiskUsed\":20,\"MySQLRunning\":true,"
                + "\"MySQLDatadir\":\"/var/lib/mysql/\",\"MySQLDatadirDiskUsed\":30,\"MySQLDatadirDiskFree\":40,"
                + "\"MySQLDatabases\":{\"alpha\":{\"Engines\":null,\"Size\":0},"
                + "\"zeta\":{\"Engines\":[\"InnoDB\"],\"Size\":5}},"
                + "\"AvailiableSeedMethods\":{\"Mysqldump\":{\"BackupSide\":\"Target\","
                + "\"SupportedEngines\":[\"InnoDB\"],\"BackupToDatadir\":false}},\"AgentCommands\":null,"
                + "\"NumCPU\":2,\"MemTotal\":1024,\"OsName\":\"Debian\"}");
    }

    @Test
    void htmlSensitiveCharactersAndLineSeparatorsAreEscapedAsGoDoes() {
        assertThat(GoJson.string("a<b>&c\u2028d\u2029")).isEqualTo("\"a\\u003cb\\u003e\\u0026c\\u2028d\\u2029\"");
    }

    @Test
    void errorEnvelopeHasNullDetails() {
        assertThat(GoJson.string(ErrorEnvelope.error("Invalid token")))
                .isEqualTo("{\"Code\":\"ERROR\",\"Message\":\"Invalid token\",\"Details\":null}");
    }

    @Test
    void timesAreRfc3339WithTrimmedNanosAndAZone() {
        Instant t = Instant.parse("2020-04-13T08:25:02.123456789Z");
        assertThat(GoJson.rfc3339Nano(t, ZoneOffset.UTC)).isEqualTo("2020-04-13T08:25:02.123456789Z");
        assertThat(GoJson.rfc3339Nano(t, ZoneId.of("+03:00"))).isEqualTo("2020-04-13T11:25:02.123456789+03:00");
        assertThat(GoJson.rfc3339Nano(Instant.parse("2020-04-13T08:25:02.120Z"), ZoneOffset.UTC))
                .isEqualTo("2020-04-13T08:25:02.12Z");
        assertThat(GoJson.rfc3339Nano(Instant.parse("2020-04-13T08:25:02Z"), ZoneOffset.UTC))
                .isEqualTo("2020-04-13T08:25:02Z");
    }

    @Test
    void timesMatchGoRfc3339NanoForEdgeFractionsAndOffsets() {
        assertThat(GoJson.rfc3339Nano(Instant.parse("2020-04-13T08:25:02.000000001Z"), ZoneOffset.UTC))
                .isEqualTo("2020-04-13T08:25:02.000000001Z");
        assertThat(GoJson.rfc3339Nano(Instant.parse("2020-04-13T08:25:02.100Z"), ZoneOffset.UTC))
                .isEqualTo("2020-04-13T08:25:02.1Z");
        assertThat(GoJson.rfc3339Nano(Instant.parse("2020-04-13T08:25:02.000100Z"), ZoneOffset.UTC))
                .isEqualTo("2020-04-13T08:25:02.0001Z");
        assertThat(GoJson.rfc3339Nano(Instant.parse("2020-04-13T08:25:02.5Z"), ZoneOffset.ofHours(-7)))
                .isEqualTo("2020-04-13T01:25:02.5-07:00");
        assertThat(GoJson.rfc3339Nano(Instant.parse("2020-04-13T08:25:02Z"), ZoneId.of("Asia/Kathmandu")))
                .isEqualTo("2020-04-13T14:10:02+05:45");
        assertThat(GoJson.rfc3339Nano(Instant.parse("2020-04-13T08:25:02Z"), ZoneId.of("Europe/Paris")))
                .isEqualTo("2020-04-13T10:25:02+02:00");
        // An offset with seconds (local mean time): Go writes hours and minutes only.
        assertThat(GoJson.rfc3339Nano(Instant.parse("1890-01-01T00:00:00Z"),
                ZoneOffset.ofHoursMinutesSeconds(0, 17, 30))).isEqualTo("1890-01-01T00:17:30+00:17");
        assertThat(GoJson.rfc3339Nano(Instant.parse("1890-01-01T00:00:00Z"),
                ZoneOffset.ofHoursMinutesSeconds(-0, -44, -30))).isEqualTo("1889-12-31T23:15:30-00:44");
        assertThat(GoJson.rfc3339Nano(Instant.parse("0001-01-01T00:00:00Z"), ZoneOffset.UTC))
                .isEqualTo("0001-01-01T00:00:00Z");
    }

    @Test
    void goZeroTimeIsWrittenAsGoWritesIt() {
        WireLogicalVolume lv = new WireLogicalVolume("a", "b", "c", false, 0, WireLogicalVolume.ZERO_TIME);
        assertThat(GoJson.string(lv)).endsWith("\"CreatedAt\":\"0001-01-01T00:00:00Z\"}");
    }

    @Test
    void floatsUseGoShortestForm() {
        assertThat(GoJson.goFloat((double) Float.parseFloat("0.01"))).isEqualTo("0.009999999776482582");
        assertThat(GoJson.goFloat(0)).isEqualTo("0");
        assertThat(GoJson.goFloat(12.5)).isEqualTo("12.5");
        assertThat(GoJson.goFloat(100)).isEqualTo("100");
        assertThat(GoJson.goFloat(1e21)).isEqualTo("1e+21");
        assertThat(GoJson.goFloat(1e-7)).isEqualTo("1e-7");
    }
}
