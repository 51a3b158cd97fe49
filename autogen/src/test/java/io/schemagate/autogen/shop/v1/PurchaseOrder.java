package io.schemagate.autogen.shop.v1;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** The shop's first release: an order of a customer. */
@Entity
@Table(name = "orders")
public class PurchaseOrder {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  Long id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "customer_id")
  Customer customer;

  @Column(precision = 10, scale = 2)
  BigDecimal total;

  @Column(length = 20)
  String note;
}
