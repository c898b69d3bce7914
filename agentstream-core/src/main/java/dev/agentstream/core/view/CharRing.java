package dev.agentstream.core.view;

/** Fixed-capacity ring keeping the last {@code capacity} chars written. */
final class CharRing {

    private final char[] buf;
    private int pos;
    private long written;

    CharRing(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity " + capacity);
        this.buf = new char[capacity];
    }

    int capacity() {
        return buf.length;
    }

    int size() {
        return (int) Math.min(written, buf.length);
    }

    void write(char c) {
        buf[pos] = c;
        if (++pos == buf.length) pos = 0;
        written++;
    }

    void write(char[] a, int off, int len) {
        if (len <= 0) return;
        int cap = buf.length;
        written += len;
        if (len >= cap) {
            System.arraycopy(a, off + len - cap, buf, 0, cap);
            pos = 0;
            return;
        }
        int first = Math.min(len, cap - pos);
        System.arraycopy(a, off, buf, pos, first);
        if (first < len) System.arraycopy(a, off + first, buf, 0, len - first);
        pos = (pos + len) % cap;
    }

    void write(String s, int start, int end) {
        int len = end - start;
        if (len <= 0) return;
        int cap = buf.length;
        written += len;
        if (len >= cap) {
            s.getChars(end - cap, end, buf, 0);
            pos = 0;
            return;
        }
        int first = Math.min(len, cap - pos);
        s.getChars(start, start + first, buf, pos);
        if (first < len) s.getChars(start + first, end, buf, 0);
        pos = (pos + len) % cap;
    }

    /** Appends the retained chars, oldest first. */
    void appendTo(StringBuilder sb) {
        if (written < buf.length) {
            sb.append(buf, 0, pos);
        } else {
            sb.append(buf, pos, buf.length - pos).append(buf, 0, pos);
        }
    }
}
