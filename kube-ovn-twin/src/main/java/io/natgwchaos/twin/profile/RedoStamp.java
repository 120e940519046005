package io.natgwchaos.twin.profile;

/** How the controller keeps {@code natGwCreatedAT}, the redo stamp of a re-created gateway pod. */
public enum RedoStamp {
  /** One global string for all gateways, overwritten by every init (gw.go:35, 311@v1.13.4, :346@v1.16.2). */
  GLOBAL_OVERWRITE,
  /** One global string that only moves forward across gateways (#6661, gw.go:508-511@master). */
  GLOBAL_MAX,
  /** One stamp per gateway (the twin's {@code fixed} design, not upstream code). */
  PER_GATEWAY
}
