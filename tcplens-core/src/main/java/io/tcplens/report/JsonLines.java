package io.tcplens.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** The one JSON factory of the reports: costly to make, safe to share; each row or document gets its own generator from it. */
final class JsonLines {
    static final JsonFactory FACTORY = new JsonFactory();

    private JsonLines() { }

    /**
     * A time in seconds with microseconds, as Zeek's JSON logs write it (1700000000.000004), not
     * as a double would print (1.700000000000004E9).
     */
    static void seconds(JsonGenerator j, String name, long nanos) throws IOException {
        j.writeFieldName(name);
        j.writeNumber(ConnectionReport.seconds(nanos));
    }
}
