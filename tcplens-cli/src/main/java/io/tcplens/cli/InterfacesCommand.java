package io.tcplens.cli;

import io.tcplens.report.SafeText;
import io.tcplens.report.ZeekConnLog;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tcplens interfaces}: what {@code capture -i} accepts. */
@Command(name = "interfaces", mixinStandardHelpOptions = true,
        description = "List the capture interfaces: name, up or down, loopback, addresses.")
final class InterfacesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws SocketException {
        PrintWriter out = spec.commandLine().getOut();
        List<NetworkInterface> all = new ArrayList<>(Collections.list(NetworkInterface.getNetworkInterfaces()));
        all.sort(Comparator.comparingInt(NetworkInterface::getIndex));
        out.printf("%-3s %-16s %-5s %-9s %s%n", "#", "name", "state", "kind", "addresses");
        for (NetworkInterface i : all) {
            List<String> addresses = new ArrayList<>();
            for (InetAddress a : Collections.list(i.getInetAddresses())) {
                addresses.add(ZeekConnLog.address(a.getAddress()));
            }
            out.printf("%-3d %-16s %-5s %-9s %s%n", i.getIndex(), SafeText.of(i.getName()), i.isUp() ? "up" : "down",
                    i.isLoopback() ? "loopback" : i.isVirtual() ? "virtual" : "network",
                    addresses.isEmpty() ? "-" : String.join(" ", addresses));
        }
        out.flush();
        return 0;
    }
}
