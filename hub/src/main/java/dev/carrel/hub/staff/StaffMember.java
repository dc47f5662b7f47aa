package dev.carrel.hub.staff;

import java.util.Set;

/** A signed-in staff member: who, and in which role. */
public record StaffMember(String username, StaffRole role) {

    /** True when this member's role is one of {@code allowed}; an administrator is always allowed. */
    public boolean mayActAs(Set<StaffRole> allowed) {
        return role == StaffRole.ADMIN || allowed.contains(role);
    }
}
