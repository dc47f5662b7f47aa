/**
 * How a device gets its identity: enrolment tokens, per-device broker credentials and the agent's enrol
 * command. The OS side (systemd units, udev rules, the .deb) joins this module with the provisioning issue.
 */
package dev.carrel.provisioning;
