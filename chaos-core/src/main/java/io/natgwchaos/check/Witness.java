package io.natgwchaos.check;

/** A history entry that proves part of a violation, with what it shows. */
public record Witness(long seq, long time, String shows) {}
