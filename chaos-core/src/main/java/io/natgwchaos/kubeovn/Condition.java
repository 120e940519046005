package io.natgwchaos.kubeovn;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** An item of {@code status.conditions}; the iptables controllers never set one, so it is only carried. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition extends UnknownFieldsKeeper {
  @JsonProperty("type")
  private String type;
  @JsonProperty("status")
  private String status;
  @JsonProperty("reason")
  private String reason;
  @JsonProperty("message")
  private String message;
  @JsonProperty("lastUpdateTime")
  private String lastUpdateTime;
  @JsonProperty("lastTransitionTime")
  private String lastTransitionTime;

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getLastUpdateTime() {
    return lastUpdateTime;
  }

  public void setLastUpdateTime(String lastUpdateTime) {
    this.lastUpdateTime = lastUpdateTime;
  }

  public String getLastTransitionTime() {
    return lastTransitionTime;
  }

  public void setLastTransitionTime(String lastTransitionTime) {
    this.lastTransitionTime = lastTransitionTime;
  }
}
