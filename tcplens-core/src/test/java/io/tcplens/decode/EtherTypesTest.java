package io.tcplens.decode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The tables of tshark's EtherTypes (observed from tshark 4.0.17; see {@link EtherTypes}). */
class EtherTypesTest {
    @Test
    void theTablesAreSortedForTheirBinarySearchAndTheNamesPaired() {
        // A type out of order would silently be missed by the search.
        assertThat(EtherTypes.DISSECTED).isSorted().doesNotHaveDuplicates();
        assertThat(EtherTypes.NAMED).isSorted().doesNotHaveDuplicates().hasSameSizeAs(EtherTypes.NAMES);
    }

    @Test
    void aNamedTypeIsNotDissectedSaveIpv6WhichIsNamedWhenItsDissectorRefusesThePacket() {
        for (int type : EtherTypes.NAMED) {
            assertThat(EtherTypes.dissectedByTshark(type)).as("0x%04x", type).isEqualTo(type == 0x86dd);
        }
        assertThat(EtherTypes.dissectedByTshark(0x88cc)).isTrue();   // LLDP
        assertThat(EtherTypes.dissectedByTshark(0x9999)).isFalse();
        assertThat(EtherTypes.name(0x0805)).isEqualTo("X.25 Layer 3");
        assertThat(EtherTypes.name(0x892b)).isEqualTo("Schweitzer Engineering Labs Layer 2 Protocol");
        assertThat(EtherTypes.name(0x9999)).isNull();
    }
}
