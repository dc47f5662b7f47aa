/** Carrel demo. */
package dev.carrel.demo;
