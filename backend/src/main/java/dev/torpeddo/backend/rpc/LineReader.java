package dev.torpeddo.backend.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads newline-delimited messages without ever holding more than the size limit: a longer line is skipped to
 * its end and reported as such, and the next line is read as usual. Lines must be UTF-8.
 */
final class LineReader {
    /** What one read found. */
    sealed interface Line {}

    record Text(String text) implements Line {}

    /** A line longer than the limit (its bytes were dropped as they came). */
    record TooLong(long bytes) implements Line {}

    /** A line that is not UTF-8. */
    record NotUtf8() implements Line {}

    /** End of input. */
    record End() implements Line {}

    private final InputStream in;
    private final int limit;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int end;

    LineReader(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    Line next() throws IOException {
        byte[] line = new byte[256];
        int len = 0;
        long dropped = -1; // >= 0 once the line went over the limit
        while (true) {
            if (pos == end) {
                int n = in.read(buf);
                if (n < 0) {
                    if (dropped >= 0) return new TooLong(dropped);
                    return len == 0 ? new End() : decode(line, len); // a last line without its newline
                }
                pos = 0;
                end = n;
            }
            int start = pos;
            while (pos < end && buf[pos] != '\n') pos++;
            int chunk = pos - start;
            boolean newline = pos < end;
            if (newline) pos++;
            if (dropped >= 0) {
                dropped += chunk;
            } else if (len + chunk > limit) {
                dropped = (long) len + chunk;
                line = null;
            } else {
                if (len + chunk > line.length) line = Arrays.copyOf(line, Math.max(len + chunk, line.length * 2));
                System.arraycopy(buf, start, line, len, chunk);
                len += chunk;
            }
            if (newline) {
                if (dropped >= 0) return new TooLong(dropped);
                if (len > 0 && line[len - 1] == '\r') len--;
                return decode(line, len);
            }
        }
    }

    private static Line decode(byte[] bytes, int len) {
        try {
            return new Text(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, len))
                    .toString());
        } catch (CharacterCodingException e) {
            return new NotUtf8();
        }
    }
}
