package org.xnat.dicom.charset.internal;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CharacterCodingException;

/**
 * UTF-8, GB18030 and GBK: no code extensions, the whole value is decoded in one pass. GBK and
 * GB18030 use 0x5C ('\') and 0x5E ('^') as trail bytes, so values must be decoded before they are
 * split into values or name components, never the other way round.
 */
public final class WholeValueCodec implements TextCodec {

    private final Charset charset;

    public WholeValueCodec(Charset charset) {
        this.charset = charset;
    }

    @Override
    public String decode(byte[] value, int offset, int length, boolean personName) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(value, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("unreachable with REPLACE", e);
        }
    }

    @Override
    public byte[] encode(String value, boolean personName) {
        // String.getBytes replaces unmappable characters (e.g. lone surrogates) with '?'.
        return value.getBytes(charset);
    }

    @Override
    public boolean canEncode(String value, boolean personName) {
        return charset.newEncoder().canEncode(value);
    }
}
