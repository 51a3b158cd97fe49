package io.schemagate.autogen.shop.v2;

import jakarta.persistence.CheckConstraint;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** The shop's second release: an invoice for an order, never negative. */
@Entity
@Table(
    name = "invoices",
    check = @CheckConstraint(name = "invoices_amount_check", constraint = "amount >= 0"))
public class Invoice {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "order_id")
  PurchaseOrder order;

  @Column(nullable = false, precision = 10, scale = 2)
  BigDecimal amount;
}
