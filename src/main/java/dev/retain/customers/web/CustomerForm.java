package dev.retain.customers.web;

import dev.retain.customers.Customer;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.CustomerStatus;
import dev.retain.customers.LifecycleStage;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;

/** The profile form on the customer pages; strings as typed, checked by the service. */
class CustomerForm {

    private CustomerKind kind = CustomerKind.PERSON;
    private String name;
    private String phone;
    private String email;
    private String gender;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate birthday;

    private String city;
    private String region;
    private String industry;
    private Long ownerId;
    private CustomerStatus status = CustomerStatus.ACTIVE;
    private LifecycleStage lifecycleStage = LifecycleStage.PROSPECT;
    private String source;

    static CustomerForm of(Customer c) {
        var form = new CustomerForm();
        form.kind = c.kind();
        form.name = c.name();
        form.phone = c.phone();
        form.email = c.email();
        form.gender = c.gender();
        form.birthday = c.birthday();
        form.city = c.city();
        form.region = c.region();
        form.industry = c.industry();
        form.ownerId = c.ownerId();
        form.status = c.status();
        form.lifecycleStage = c.lifecycleStage();
        form.source = c.source();
        return form;
    }

    /** Custom fields are edited on their own form, so they are left as they are here. */
    CustomerDraft toDraft() {
        return new CustomerDraft(
                kind,
                name,
                phone,
                email,
                gender,
                birthday,
                city,
                region,
                industry,
                ownerId,
                status,
                lifecycleStage,
                source,
                null);
    }

    public CustomerKind getKind() {
        return kind;
    }

    public void setKind(CustomerKind kind) {
        this.kind = kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getGender() {
        return gender;
    }

    public void setGender(String gender) {
        this.gender = gender;
    }

    public LocalDate getBirthday() {
        return birthday;
    }

    public void setBirthday(LocalDate birthday) {
        this.birthday = birthday;
    }

    public String getCity() {
        return city;
    }

    public void setCity(String city) {
        this.city = city;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getIndustry() {
        return industry;
    }

    public void setIndustry(String industry) {
        this.industry = industry;
    }

    public Long getOwnerId() {
        return ownerId;
    }

    public void setOwnerId(Long ownerId) {
        this.ownerId = ownerId;
    }

    public CustomerStatus getStatus() {
        return status;
    }

    public void setStatus(CustomerStatus status) {
        this.status = status;
    }

    public LifecycleStage getLifecycleStage() {
        return lifecycleStage;
    }

    public void setLifecycleStage(LifecycleStage lifecycleStage) {
        this.lifecycleStage = lifecycleStage;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }
}
