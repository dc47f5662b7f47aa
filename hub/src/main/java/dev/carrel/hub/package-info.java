/** Carrel hub. */
package dev.carrel.hub;
