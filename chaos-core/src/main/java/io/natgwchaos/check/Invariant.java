package io.natgwchaos.check;

/** The oracle's invariants (DESIGN.md §5). */
public enum Invariant {
  S1("an EIP with ready=true has status.ip on net1 of its gateway's current pod"),
  S2("a FIP/DNAT/SNAT with ready=true has its exact rules in the right chains, pointing at the right addresses"),
  S3("every NAT rule and every EIP address on the gateway belongs to a live resource"),
  S4("status.nat of an EIP names exactly the live rule kinds that use it"),
  LIVENESS("after faults and churn stop, within the settle time every live resource is ready and S1-S4 hold");

  private final String statement;

  Invariant(String statement) {
    this.statement = statement;
  }

  public String statement() {
    return statement;
  }
}
