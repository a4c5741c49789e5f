<#--
  "Inicio de sesión" (guide, images 1.1 / 1.13). Overrides base/login/login.ftl of Keycloak 26.7.5:
  the guide's labels (Usuario* = CURP), its two links, and the optional "Ingresa con firma
  electrónica" button: the flow's icsoe-efirma step, or an external address when the realm
  attribute icsoeFirmaElectronicaUrl is set.
  Field names and ids are Keycloak's (username, password, kc-form-login, kc-login).
-->
<#import "template.ftl" as layout>
<#import "icsoe-macros.ftl" as icsoe>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username','password') displayInfo=realm.password && realm.registrationAllowed && !registrationDisabled?? showTryAnotherWay=false; section>
    <#if section = "header">
        ${msg("loginAccountTitle")}
    <#elseif section = "form">
        <p class="icsoe-lead">${msg("icsoeLoginSubtitle")}</p>
        <#if realm.password>
            <#assign loginError = messagesPerField.existsError('username','password')?then(messagesPerField.getFirstError('username','password'), '')>
            <form id="kc-form-login" class="icsoe-form" action="${url.loginAction}" method="post" novalidate>
                <#if !usernameHidden??>
                    <@icsoe.textField id="username" name="username" label=msg("icsoeUsernameLabel") value=(login.username!'')
                        autocomplete="username" hint=msg("icsoeUsernameHint") error=loginError autofocus=true/>
                </#if>
                <@icsoe.passwordField id="password" name="password" label=msg("icsoePasswordLabel")
                    autocomplete="current-password" error=(usernameHidden??)?then(loginError, '')
                    describedBy=(!usernameHidden?? && loginError?has_content)?then('username-error', '')/>

                <ul class="icsoe-links">
                    <#if realm.resetPasswordAllowed>
                        <li><a id="kc-forgot-password" href="${url.loginResetCredentialsUrl}">${msg("doForgotPassword")}</a></li>
                    </#if>
                </ul>

                <div id="kc-form-buttons" class="icsoe-actions">
                    <input type="hidden" id="id-hidden-input" name="credentialId"<#if auth.selectedCredential?has_content> value="${auth.selectedCredential}"</#if>>
                    <button class="icsoe-btn icsoe-btn--primary" name="login" id="kc-login" type="submit">${msg("doLogIn")}</button>
                </div>
            </form>
        </#if>
        <#assign firmaUrl = (realm.attributes['icsoeFirmaElectronicaUrl'])!''>
        <#assign firmaStep = "">
        <#list (auth.authenticationSelections)![] as selection>
            <#if selection.authenticationExecution.authenticator == "icsoe-efirma"><#assign firmaStep = selection.authExecId></#if>
        </#list>
        <#-- only web addresses: a javascript: or data: value would run in the login page, and browsers
             read a backslash as a slash (/\host is //host, another site) -->
        <#if firmaUrl?has_content && !firmaUrl?contains("\\") && (firmaUrl?lower_case?starts_with("https://") || firmaUrl?lower_case?starts_with("http://") || (firmaUrl?starts_with("/") && !firmaUrl?starts_with("//")))>
            <p class="icsoe-alt-login">
                <a id="icsoe-firma-electronica" class="icsoe-btn icsoe-btn--secondary" href="${firmaUrl}">${msg("icsoeFirmaElectronica")}</a>
            </p>
        <#elseif firmaStep?has_content>
            <#-- the e.firma step of this flow (icsoe-efirma), chosen as Keycloak's "try another way" does -->
            <form id="icsoe-firma-form" class="icsoe-alt-login" action="${url.loginAction}" method="post">
                <input type="hidden" name="authenticationExecution" value="${firmaStep}">
                <button id="icsoe-firma-electronica" class="icsoe-btn icsoe-btn--secondary" type="submit">${msg("icsoeFirmaElectronica")}</button>
            </form>
        </#if>
    <#elseif section = "info">
        <#if realm.password && realm.registrationAllowed && !registrationDisabled??>
            <p id="kc-registration">${msg("noAccount")} <a href="${url.registrationUrl}">${msg("doRegister")}</a></p>
        </#if>
    <#elseif section = "socialProviders">
        <#if realm.password && social?? && social.providers?has_content>
            <nav id="kc-social-providers" class="icsoe-social" aria-label="${msg("identity-provider-login-label")}">
                <ul>
                    <#list social.providers as p>
                        <li><a id="social-${p.alias}" class="icsoe-btn icsoe-btn--secondary" href="${p.loginUrl}">${p.displayName!}</a></li>
                    </#list>
                </ul>
            </nav>
        </#if>
    </#if>
</@layout.registrationLayout>
