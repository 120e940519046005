package io.natgwchaos.kubeovn;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of every spec and status: fields this model does not know (added by a newer Kube-OVN) are
 * kept and written back unchanged instead of failing the read or being dropped on update.
 */
public abstract class UnknownFieldsKeeper {
  @JsonIgnore private final Map<String, Object> unknownFields = new LinkedHashMap<>();

  @JsonAnyGetter
  public Map<String, Object> getUnknownFields() {
    return unknownFields;
  }

  @JsonAnySetter
  public void setUnknownField(String name, Object value) {
    unknownFields.put(name, value);
  }
}
