/** Carrel edge-agent. */
package dev.carrel.agent;
