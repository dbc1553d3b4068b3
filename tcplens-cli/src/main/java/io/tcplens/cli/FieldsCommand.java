package io.tcplens.cli;

import io.tcplens.field.Field;
import io.tcplens.field.Fields;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists the field registry like {@code tshark -G fields}. */
@Command(name = "fields", mixinStandardHelpOptions = true,
        description = "List every field tcplens can print (-e) or filter on, like tshark -G fields.")
final class FieldsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (Field f : Fields.all()) {
            if (f.name().indexOf('.') < 0) {
                out.println("P\t" + f.label() + "\t" + f.name());
            } else {
                out.println("F\t" + f.label() + "\t" + f.name() + "\t" + f.type().wiresharkName() + "\t" + f.protocol()
                        + "\t" + base(f) + "\t" + f.meaning());
            }
        }
        out.flush();
        return 0;
    }

    /** The display base as tshark -G fields names it: integers have one, addresses, bytes, text and times none. */
    private static String base(Field f) {
        return switch (f.type()) {
            case UINT8, UINT16, UINT24, UINT32, UINT64, INT32 -> f.hex() ? "BASE_HEX" : "BASE_DEC";
            case PROTOCOL, NONE, BOOLEAN, IPV4, IPV6, ETHER, BYTES, STRING, RELATIVE_TIME, DOUBLE, ABSOLUTE_TIME, FRAMENUM -> "";
        };
    }
}
