package io.natgwchaos.twin.controller;

/** A modelled Go panic: the controller process dies and its owner restarts it. */
final class ProcessCrash extends RuntimeException {
  ProcessCrash(String message) {
    super(message, null, false, false);
  }
}
