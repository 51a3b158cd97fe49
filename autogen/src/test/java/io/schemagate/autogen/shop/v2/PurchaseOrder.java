package io.schemagate.autogen.shop.v2;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/**
 * The shop's second release: orders get a status with an index, a wider total, and lose their note.
 */
@Entity
@Table(name = "orders", indexes = @Index(name = "orders_status_idx", columnList = "status"))
public class PurchaseOrder {
  /** Where an order stands. */
  public enum Status {
    OPEN,
    PAID
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "customer_id")
  Customer customer;

  @Column(precision = 12, scale = 2)
  BigDecimal total;

  @Enumerated(EnumType.STRING)
  @Column(length = 20)
  Status status;
}
